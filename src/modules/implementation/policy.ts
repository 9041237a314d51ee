// Who may see and change what in implementation management.
// Province-wide roles (admin, planner) see and change everything; leaders see everything.
// Agency users see public tasks and the tasks their agency subtree leads or coordinates;
// an agency_editor changes (and reports on) only tasks led by its subtree.
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { CurrentUser } from '../../kernel/http/context.ts';
import { agencySubtree, isProvinceWide } from '../agencies/scope.ts';

export type ImplScope =
  | { kind: 'all'; write: boolean; review: boolean }
  | { kind: 'agency'; ids: ReadonlySet<number>; write: boolean }
  | { kind: 'public' };

export async function implScopeOf(db: DbOrTx, user: CurrentUser | null): Promise<ImplScope> {
  if (!user) return { kind: 'public' };
  if (isProvinceWide(user)) return { kind: 'all', write: true, review: true };
  if (user.role === 'leader') return { kind: 'all', write: false, review: false };
  if ((user.role === 'agency_editor' || user.role === 'agency_viewer') && user.agencyId !== null) {
    return {
      kind: 'agency',
      ids: await agencySubtree(db, user.agencyId),
      write: user.role === 'agency_editor',
    };
  }
  return { kind: 'public' };
}

export type TaskAccessFacts = { isPublic: boolean; leadAgencyId: number; coordinatorIds: readonly number[] };

export function mayReadTask(scope: ImplScope, t: TaskAccessFacts): boolean {
  if (t.isPublic || scope.kind === 'all') return true;
  if (scope.kind !== 'agency') return false;
  return scope.ids.has(t.leadAgencyId) || t.coordinatorIds.some((id) => scope.ids.has(id));
}

/** Change the task, report on it: its lead agency must be in the editor's subtree. */
export function mayWriteTask(scope: ImplScope, t: { leadAgencyId: number }): boolean {
  if (scope.kind === 'all') return scope.write;
  return scope.kind === 'agency' && scope.write && scope.ids.has(t.leadAgencyId);
}

export function mayReview(scope: ImplScope): boolean {
  return scope.kind === 'all' && scope.review;
}

export function mayManageProgrammes(scope: ImplScope): boolean {
  return scope.kind === 'all' && scope.write;
}
