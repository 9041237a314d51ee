// What other modules contribute to reports: tables (e.g. the indicators' status table)
// and whole sections (implementation progress, priority projects). A template names
// them by key; a key nobody registered yet prints "chưa có dữ liệu".

import type { Config } from '../../kernel/config/index.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Translate } from '../../kernel/i18n/index.ts';

export type ReportTable = {
  title: string;
  headers: string[];
  rows: (string | number | null)[][];
  /**
   * How much each row matters to the reader, lower first (e.g. overdue tasks before the
   * rest). A long table's body keeps only its most important rows; the annex keeps all.
   */
  priority?: number[];
};
export type ReportContent = { paragraphs: string[]; tables: ReportTable[] };
export type ReportSource = (ctx: {
  db: DbOrTx;
  config: Config;
  period: ReportPeriod;
  t: Translate;
}) => Promise<ReportContent>;
export type ReportPeriod = { label: string; from: number; to: number };

const sources = new Map<string, ReportSource>();

export function registerReportSource(key: string, source: ReportSource): void {
  sources.set(key, source);
}

export function reportSource(key: string): ReportSource | undefined {
  return sources.get(key);
}

/** "2025" → 2025–2025; "2021-2025" → 2021–2025. */
export function parsePeriod(text: string): ReportPeriod | null {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(text.trim());
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (from < 2000 || to > 2100 || to < from) return null;
  return { label: m[2] ? `${from}-${to}` : String(from), from, to };
}
