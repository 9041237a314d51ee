// Agency scope: an agency_editor may change records of its own agency and of
// the agencies below it. Every module asks these functions; none re-derives it.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/query.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { CurrentUser } from '../../kernel/http/context.ts';
import { forbidden } from '../../kernel/http/errors.ts';

/** The agency and every agency below it. */
export async function agencySubtree(db: DbOrTx, agencyId: number): Promise<Set<number>> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`
    with recursive sub(id) as (
      select id from agencies where id = ${agencyId}
      union
      select a.id from agencies a join sub on a.parent_id = sub.id
    )
    select id::int as id from sub`,
  );
  return new Set(rows.map((row) => Number(row.id)));
}

/** Roles that act province-wide, not within one agency. */
export const PROVINCE_WIDE_ROLES = ['admin', 'planner'] as const;

export function isProvinceWide(user: CurrentUser): boolean {
  return (PROVINCE_WIDE_ROLES as readonly string[]).includes(user.role);
}

/** May this user change a record owned by `agencyId`? */
export async function canWriteForAgency(
  db: DbOrTx,
  user: CurrentUser,
  agencyId: number | null,
): Promise<boolean> {
  if (isProvinceWide(user)) return true;
  if (user.role !== 'agency_editor' || user.agencyId === null || agencyId === null) return false;
  return (await agencySubtree(db, user.agencyId)).has(agencyId);
}

export async function assertCanWriteForAgency(
  db: DbOrTx,
  user: CurrentUser,
  agencyId: number | null,
): Promise<void> {
  if (!(await canWriteForAgency(db, user, agencyId))) throw forbidden();
}
