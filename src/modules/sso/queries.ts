// Reads of the single sign-on rules for the API (paged like every collection).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  keyset,
  timestampSort,
} from '../../kernel/http/collection.ts';
import type { Role } from '../accounts/schema.ts';
import { ssoRoleMappings } from './schema.ts';

type MappingRow = typeof ssoRoleMappings.$inferSelect;

export const MAPPING_SORTS = ['position', 'claim', 'created'] as const;
const MAPPING_COLLECTION: CollectionSpec<MappingRow, (typeof MAPPING_SORTS)[number]> = {
  sorts: {
    position: { expr: ssoRoleMappings.position, value: (m) => m.position, type: 'int' },
    claim: { expr: ssoRoleMappings.claim, value: (m) => m.claim, type: 'text' },
    created: timestampSort(ssoRoleMappings.createdAt, (m) => m.createdAt),
  },
  id: { expr: ssoRoleMappings.id, value: (m) => m.id, type: 'int' },
};

/** One page of the claim → role rules, in the order they are tried by default. */
export async function pageMappings(
  db: DbOrTx,
  q: CollectionParams<(typeof MAPPING_SORTS)[number]> & { role?: Role | undefined },
) {
  const k = keyset(MAPPING_COLLECTION, q);
  const rows = await db
    .select()
    .from(ssoRoleMappings)
    .where(and(q.role ? eq(ssoRoleMappings.role, q.role) : undefined, k.after))
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}
