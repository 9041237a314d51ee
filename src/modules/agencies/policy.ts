// Who may change the register of agencies. An administrator may change any
// agency; an agency editor may add and change units inside its own agency's
// subtree, but may not add top-level agencies, move a unit out of its subtree,
// or deactivate its own agency. Everyone else only reads.
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { CurrentUser } from '../../kernel/http/context.ts';
import { agencySubtree } from './scope.ts';

/** What one user may touch: everything, or the agencies under one agency. */
export type AgencyScope =
  | { kind: 'all' }
  | { kind: 'subtree'; root: number; ids: ReadonlySet<number> }
  | { kind: 'none' };

export async function agencyScopeOf(db: DbOrTx, user: CurrentUser | null): Promise<AgencyScope> {
  if (!user) return { kind: 'none' };
  if (user.role === 'admin') return { kind: 'all' };
  if (user.role === 'agency_editor' && user.agencyId !== null) {
    return { kind: 'subtree', root: user.agencyId, ids: await agencySubtree(db, user.agencyId) };
  }
  return { kind: 'none' };
}

/** May the user open the agency pages at all (admin, or an editor with an agency)? */
export function mayManageAgencies(scope: AgencyScope): boolean {
  return scope.kind !== 'none';
}

/** May the user add an agency under `parentId` (null: a top-level agency)? */
export function mayCreateUnder(scope: AgencyScope, parentId: number | null): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none' || parentId === null) return false;
  return scope.ids.has(parentId);
}

/** May the user change this agency's details? */
export function mayEdit(scope: AgencyScope, agencyId: number): boolean {
  if (scope.kind === 'all') return true;
  return scope.kind === 'subtree' && scope.ids.has(agencyId);
}

/** May the user move an agency under `parentId`? The same rule as adding a unit there. */
export const mayMoveUnder = mayCreateUnder;

/** May the user activate or deactivate this agency? An editor may not switch off their own agency. */
export function maySetActive(scope: AgencyScope, agencyId: number): boolean {
  if (scope.kind === 'all') return true;
  return scope.kind === 'subtree' && agencyId !== scope.root && scope.ids.has(agencyId);
}
