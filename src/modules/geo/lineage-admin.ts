// Administrators' settings of the roll-up across the 2025 reorganisation: the
// default rule for the part of a split (partial) predecessor's value that no
// recorded share_ratio covers, and the share_ratio of each partial link. Each
// change writes its audit row in the same transaction.
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor } from '../../kernel/http/context.ts';
import { invalid, notFound } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { defaultShareRule } from './rollup.ts';
import {
  adminUnitLineage,
  adminUnits,
  DEFAULT_SHARE_RULES,
  type DefaultShareRule,
  lineageSettings,
} from './schema.ts';

export const defaultShareBody = z
  .object({ defaultShareRule: z.enum(DEFAULT_SHARE_RULES) })
  .meta({ example: { defaultShareRule: 'equal' } });

const ratio = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v.trim().replace(',', '.'))) : v),
  z
    .number('geo.lineage.error.ratio')
    .min(0, 'geo.lineage.error.ratio')
    .max(1, 'geo.lineage.error.ratio')
    .nullable(),
);
export const shareRatiosBody = z
  .object({
    shares: z
      .array(z.object({ successorId: z.string().min(1).max(100), shareRatio: ratio }))
      .min(1)
      .max(100),
  })
  .meta({
    // For the split of Xã Thượng Đình (commune-05932-pre2025); the ratio is made up.
    example: {
      shares: [
        { successorId: 'commune-05941-2025', shareRatio: 0.6 },
        { successorId: 'commune-05908-2025', shareRatio: null },
      ],
    },
  });
export type ShareRatiosInput = z.infer<typeof shareRatiosBody>;

export async function setDefaultShareRule(db: DbOrTx, actor: Actor, rule: DefaultShareRule) {
  return db.transaction(async (tx) => {
    const before = await defaultShareRule(tx);
    await tx
      .insert(lineageSettings)
      .values({ id: 1, defaultShareRule: rule })
      .onConflictDoUpdate({
        target: lineageSettings.id,
        set: {
          defaultShareRule: rule,
          rowVersion: sql`${lineageSettings.rowVersion} + 1`,
          updatedAt: sql`now()`,
        },
      });
    await recordAudit(tx, actor, {
      action: 'lineage.default_share_rule.set',
      entity: 'lineage_settings',
      entityId: 1,
      before: { defaultShareRule: before },
      after: { defaultShareRule: rule },
    });
    return { defaultShareRule: rule };
  });
}

export type PartialLink = {
  successorId: string;
  successorName: string;
  successorCode: string;
  shareRatio: number | null;
};

/** The pre-2025 units split among several successors (those a share_ratio is about). */
export async function partialPredecessors(db: DbOrTx) {
  const rows = await db
    .selectDistinct({
      id: adminUnits.id,
      code: adminUnits.code,
      name: adminUnits.fullNameVi,
      level: adminUnits.level,
    })
    .from(adminUnitLineage)
    .innerJoin(adminUnits, eq(adminUnits.id, adminUnitLineage.predecessorId))
    .where(eq(adminUnitLineage.share, 'partial'))
    .orderBy(asc(adminUnits.level), asc(adminUnits.code));
  return rows;
}

export async function partialLinksOf(db: DbOrTx, predecessorId: string): Promise<PartialLink[]> {
  return db
    .select({
      successorId: adminUnitLineage.successorId,
      successorName: adminUnits.fullNameVi,
      successorCode: adminUnits.code,
      shareRatio: adminUnitLineage.shareRatio,
    })
    .from(adminUnitLineage)
    .innerJoin(adminUnits, eq(adminUnits.id, adminUnitLineage.successorId))
    .where(and(eq(adminUnitLineage.predecessorId, predecessorId), eq(adminUnitLineage.share, 'partial')))
    .orderBy(asc(adminUnits.code));
}

/**
 * Sets the share_ratio of a split predecessor's links (null = the default rule).
 * Every successor must be one of its partial links; the recorded ratios may not add up to more than 1.
 */
export async function setShareRatios(
  db: DbOrTx,
  actor: Actor,
  predecessorId: string,
  input: ShareRatiosInput,
) {
  return db.transaction(async (tx) => {
    const links = await partialLinksOf(tx, predecessorId);
    if (links.length === 0) throw notFound('geo.lineage.error.noPartial');
    const known = new Set(links.map((l) => l.successorId));
    const unknown = input.shares.findIndex((s) => !known.has(s.successorId));
    if (unknown >= 0)
      throw invalid([{ field: `shares.${unknown}.successorId`, message: 'geo.lineage.error.successor' }]);
    const next = new Map(links.map((l) => [l.successorId, l.shareRatio]));
    for (const s of input.shares) next.set(s.successorId, s.shareRatio);
    const total = [...next.values()].reduce<number>((sum, r) => sum + (r ?? 0), 0);
    if (total > 1 + 1e-9) throw invalid([{ field: 'shares', message: 'geo.lineage.error.sum' }]);
    for (const s of input.shares)
      await tx
        .update(adminUnitLineage)
        .set({ shareRatio: s.shareRatio })
        .where(
          and(
            eq(adminUnitLineage.predecessorId, predecessorId),
            eq(adminUnitLineage.successorId, s.successorId),
          ),
        );
    await recordAudit(tx, actor, {
      action: 'lineage.share_ratios.set',
      entity: 'admin_unit_lineage',
      entityId: predecessorId,
      before: links.map((l) => ({ successorId: l.successorId, shareRatio: l.shareRatio })),
      after: [...next].map(([successorId, shareRatio]) => ({ successorId, shareRatio })),
    });
    return partialLinksOf(tx, predecessorId);
  });
}
