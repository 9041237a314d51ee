// Planners keep the narrative parts of a report as a draft; every save is audited.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { conflict, notFound } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { reportDrafts, reportTemplates } from './schema.ts';
import type { ReportTemplateDefinition } from './template.ts';

export type DraftRow = typeof reportDrafts.$inferSelect;

export async function loadTemplate(
  db: DbOrTx,
  code: string,
): Promise<{ code: string; nameVi: string; definition: ReportTemplateDefinition }> {
  const [t] = await db.select().from(reportTemplates).where(eq(reportTemplates.code, code));
  if (!t) throw notFound();
  return t;
}

export async function loadDraft(db: DbOrTx, templateCode: string, period: string): Promise<DraftRow | null> {
  const [d] = await db
    .select()
    .from(reportDrafts)
    .where(and(eq(reportDrafts.templateCode, templateCode), eq(reportDrafts.period, period)));
  return d ?? null;
}

export const PARTICULAR_KEYS = [
  'issuingParent',
  'issuingBody',
  'number',
  'place',
  'date',
  'signerTitle',
  'signerName',
] as const;

export async function saveDraft(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser,
  input: {
    templateCode: string;
    period: string;
    particulars: Record<string, string>;
    narratives: Record<string, string>;
    rowVersion?: number;
  },
): Promise<DraftRow> {
  return db.transaction(async (tx) => {
    const template = await loadTemplate(tx, input.templateCode);
    const narrativeKeys = new Set(template.definition.sections.map((s) => s.key));
    const narratives = Object.fromEntries(
      Object.entries(input.narratives).filter(([k]) => narrativeKeys.has(k)),
    );
    const particulars = Object.fromEntries(
      Object.entries(input.particulars).filter(([k]) => (PARTICULAR_KEYS as readonly string[]).includes(k)),
    );
    const existing = await loadDraft(tx, input.templateCode, input.period);
    if (existing) {
      if (input.rowVersion !== undefined && input.rowVersion !== existing.rowVersion) throw conflict();
      const [saved] = await tx
        .update(reportDrafts)
        .set({
          narratives,
          particulars,
          updatedByUserId: user.id,
          rowVersion: existing.rowVersion + 1,
          updatedAt: new Date(),
        })
        .where(and(eq(reportDrafts.id, existing.id), eq(reportDrafts.rowVersion, existing.rowVersion)))
        .returning();
      if (!saved) throw conflict();
      await recordAudit(tx, actor, {
        action: 'report_draft.update',
        entity: 'report_draft',
        entityId: saved.id,
        before: existing,
        after: saved,
      });
      return saved;
    }
    const [saved] = await tx
      .insert(reportDrafts)
      .values({
        templateCode: input.templateCode,
        period: input.period,
        narratives,
        particulars,
        updatedByUserId: user.id,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'report_draft.create',
      entity: 'report_draft',
      entityId: saved!.id,
      after: saved,
    });
    return saved!;
  });
}
