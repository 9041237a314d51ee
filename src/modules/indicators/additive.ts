// Whether an indicator's values by place add up is a property of its unit
// (docs/reorganisation.md, "Additive or not"): people, hectares, a count of things and
// money add up; a percentage, a per-mille, anything "per" something (per person, per
// year) and an age do not. The seed sets `indicators.additive` from this; planners can
// change it on the indicator's edit form.
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { indicators } from './schema.ts';

/** Units that are rates or averages: never summed. */
const RATIO_MARKS = ['%', '‰', '/'];
/** Units of averages that carry no ratio mark. */
const AVERAGE_UNITS = new Set(['tuổi', 'năm tuổi', 'điểm']);

/** true when values in `unit` can be summed over places; false for rates, shares, averages and per-capita figures. */
export function additiveByUnit(unit: string): boolean {
  const u = unit.trim().toLowerCase();
  if (u === '') return false;
  if (RATIO_MARKS.some((m) => u.includes(m))) return false;
  return !AVERAGE_UNITS.has(u);
}

/** The indicators that may weigh `indicator`'s mean: the additive ones other than itself, by name. */
export async function weightChoices(
  db: DbOrTx,
  indicator: { id: number },
): Promise<{ id: number; code: string; nameVi: string; unit: string }[]> {
  const rows = await db
    .select({ id: indicators.id, code: indicators.code, nameVi: indicators.nameVi, unit: indicators.unit })
    .from(indicators)
    .where(and(eq(indicators.additive, true), ne(indicators.id, indicator.id)));
  return rows.sort((a, b) => collator.compare(a.nameVi, b.nameVi));
}

const collator = new Intl.Collator('vi');

/** The code of the indicator weighing `indicator`'s mean, if any. */
export async function weightCodeOf(
  db: DbOrTx,
  indicator: { weightIndicatorId: number | null },
): Promise<string | null> {
  if (indicator.weightIndicatorId === null) return null;
  const [row] = await db
    .select({ code: indicators.code })
    .from(indicators)
    .where(eq(indicators.id, indicator.weightIndicatorId));
  return row?.code ?? null;
}
