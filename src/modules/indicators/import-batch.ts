// The rows of an import on their way to the database: the columns one INSERT takes, and which
// rows the import has had already.
import { arrayLiteral } from '../../kernel/db/array-literal.ts';
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

/** One array per column, for `unnest` (indicator, year, quarter, unit, value, status, note, sources as JSON). */
export type InsertColumns = Record<'i' | 'y' | 'q' | 'u' | 'v' | 's' | 'n' | 'src', string>;

export function insertColumns(rows: readonly PendingRow[]): InsertColumns {
  const column = (pick: (p: PendingRow) => string | number | null) => arrayLiteral(rows.map(pick));
  return {
    i: column((p) => p.indicator.id),
    y: column((p) => p.year),
    q: column((p) => p.quarter),
    u: column((p) => p.adminUnitId),
    v: column((p) => p.value),
    s: column((p) => p.status),
    n: column((p) => p.note),
    src: column((p) => JSON.stringify(p.sources)),
  };
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
