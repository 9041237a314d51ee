// The shape of a report template (stored as JSON in report_templates.definition).
import { z } from 'zod';

export const templateSection = z.object({
  key: z.string().regex(/^[a-z_]+$/),
  headingVi: z.string().min(1),
  headingEn: z.string().min(1),
  /** narrative: text written by planners; table: a table registered by a module; contributed: a section a module provides */
  kind: z.enum(['narrative', 'table', 'contributed']),
  /** for table/contributed: the registered key */
  source: z.string().optional(),
  /** for narrative: guidance shown above the text box */
  hintVi: z.string().optional(),
});

export const templateDefinition = z.object({
  nationalTitle: z.string().min(1),
  motto: z.string().min(1),
  documentKindVi: z.string().min(1),
  titleVi: z.string().min(1).describe('May contain {period}'),
  font: z.object({ family: z.string(), sizePt: z.number().min(10).max(16) }),
  marginsMm: z.object({ top: z.number(), bottom: z.number(), left: z.number(), right: z.number() }),
  defaults: z.record(z.string(), z.string()),
  sections: z.array(templateSection).min(1),
  recipientsVi: z.array(z.string()).default([]),
});
export type ReportTemplateDefinition = z.infer<typeof templateDefinition>;
