// Read-only queries the catalogue needs that no owning module offers yet.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { agencies } from '../agencies/schema.ts';
import { comments } from '../engagement/schema.ts';

/** Approved comments with an official answer: only the public fields, never name, e-mail or IP hash. */
export function answeredComments(db: DbOrTx) {
  return db
    .select({
      id: comments.id,
      targetType: comments.targetType,
      targetId: comments.targetId,
      pseudonym: comments.pseudonym,
      body: comments.body,
      createdAt: comments.createdAt,
      replyBody: comments.replyBody,
      replyAgency: agencies.nameVi,
      repliedAt: comments.repliedAt,
      updatedAt: comments.updatedAt,
      isSample: comments.isSample,
    })
    .from(comments)
    .leftJoin(agencies, eq(agencies.id, comments.replyAgencyId))
    .where(and(eq(comments.state, 'approved'), isNotNull(comments.replyBody)))
    .orderBy(asc(comments.id));
}
