// The rows of an import waiting to be written, kept column by column. A batch lives while the
// previous one is written and the file goes on being parsed, long enough for one object per row
// to be promoted to the old heap: a million such objects were most of an import's peak memory.
// Columns of numbers and shared strings leave nothing behind.
import type { IndicatorRow, ObservationRow } from './queries.ts';

export type PendingRow = {
  row: number;
  indicator: IndicatorRow;
  year: number;
  quarter: number;
  adminUnitId: string;
  value: number;
  status: ObservationRow['status'];
  note: string | null;
  sources: string[];
};

export class PendingBatch {
  private readonly rows: number[] = [];
  private readonly indicators: IndicatorRow[] = [];
  private readonly years: number[] = [];
  private readonly quarters: number[] = [];
  private readonly units: string[] = [];
  private readonly values: number[] = [];
  private readonly statuses: ObservationRow['status'][] = [];
  private readonly notes: (string | null)[] = [];
  /** Empty lists are not kept (nearly every row has none). */
  private readonly sources: (string[] | null)[] = [];

  get length(): number {
    return this.rows.length;
  }

  push(p: PendingRow): void {
    this.json = null;
    this.rows.push(p.row);
    this.indicators.push(p.indicator);
    this.years.push(p.year);
    this.quarters.push(p.quarter);
    this.units.push(p.adminUnitId);
    this.values.push(p.value);
    this.statuses.push(p.status);
    this.notes.push(p.note);
    this.sources.push(p.sources.length ? p.sources : null);
  }

  /** One row as an object, for the few that need one (values already stored). */
  at(i: number): PendingRow {
    return {
      row: this.rows[i]!,
      indicator: this.indicators[i]!,
      year: this.years[i]!,
      quarter: this.quarters[i]!,
      adminUnitId: this.units[i]!,
      value: this.values[i]!,
      status: this.statuses[i]!,
      note: this.notes[i]!,
      sources: this.sources[i] ?? [],
    };
  }

  all(): PendingRow[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }

  /** The codes of the batch's indicators, each once. */
  indicatorCodes(): string[] {
    return [...new Set(this.indicators.map((i) => i.code))];
  }

  private json: string | null = null;

  /**
   * The rows as JSON for json_to_recordset (i, y, q, u, v, s, n, src), built once, without an
   * object per row. Built before the previous batch's INSERT ends, the next one is sent at once.
   */
  recordsetJson(): string {
    this.json ??= this.buildJson();
    return this.json;
  }

  private buildJson(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.length; i++) {
      parts.push(
        `{"i":${this.indicators[i]!.id},"y":${this.years[i]},"q":${this.quarters[i]},"u":${JSON.stringify(
          this.units[i],
        )},"v":${JSON.stringify(this.values[i])},"s":${JSON.stringify(this.statuses[i])},"n":${JSON.stringify(
          this.notes[i],
        )},"src":${JSON.stringify(this.sources[i] ?? [])}}`,
      );
    }
    return `[${parts.join(',')}]`;
  }
}

/**
 * Which indicator, year, quarter and unit an import has had already: one bit per unit for each
 * indicator-period (a million rows take a few hundred kB, where a set of keys took tens of MB).
 */
export class SeenObservations {
  private readonly periods = new Map<number, Uint8Array>();

  constructor(private readonly unitCount: number) {}

  /** Marks the observation as seen; false if it was already. `unit` is the unit's number (0 …). */
  add(indicatorId: number, year: number, quarter: number, unit: number): boolean {
    // Years 1900–2100 and quarters 0–4 make fewer than 1,024 periods per indicator.
    const period = indicatorId * 1024 + (year - 1900) * 5 + quarter;
    let units = this.periods.get(period);
    if (!units) {
      units = new Uint8Array(Math.ceil(this.unitCount / 8));
      this.periods.set(period, units);
    }
    const byte = unit >> 3;
    const bit = 1 << (unit & 7);
    if (units[byte]! & bit) return false;
    units[byte]! |= bit;
    return true;
  }
}
