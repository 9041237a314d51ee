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

  /** The rows as JSON for json_to_recordset (i, y, q, u, v, s, n, src), built without an object per row. */
  recordsetJson(): string {
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
