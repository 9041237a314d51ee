// Input of programmes, tasks and reports, shared by the JSON API and the forms.
import { z } from 'zod';
import { collectionQuery } from '../../kernel/http/collection.ts';
import { LINK_TYPES, TASK_STATUSES } from './schema.ts';

function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());
const isoDate = z.iso.date('implementation.error.date');
const id = z.coerce.number().int().positive();
/** Forms send one value or several under the same name. */
const list = <T extends z.ZodType>(s: T) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]),
    z.array(s),
  );
const vnd = z.coerce
  .number('implementation.error.amount')
  .int('implementation.error.amount')
  .min(0, 'implementation.error.amount');
const bool = z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean());

export const createProgrammeBody = z
  .object({
    code: z.string().trim().min(1, 'implementation.error.codeRequired').max(50),
    title: z.string().trim().min(1, 'implementation.error.titleRequired').max(500),
    titleEn: opt(z.string().trim().max(500)),
    description: opt(z.string().max(10_000)),
    leadAgencyId: opt(id),
    startDate: opt(isoDate),
    dueDate: opt(isoDate),
    isPublic: z.preprocess((v) => (v === undefined ? true : v), bool),
  })
  .meta({
    example: {
      code: 'VD-CT-02',
      title: 'Chương trình ví dụ: số hóa hồ sơ quy hoạch cấp xã',
      titleEn: 'Example programme: digitising commune planning records',
      description:
        'Chương trình ví dụ để minh họa cách gọi API; không phải chương trình chính thức của tỉnh.',
      leadAgencyId: 8,
      startDate: '2026-01-01',
      dueDate: '2027-12-31',
      isPublic: true,
    },
  });
export type CreateProgrammeInput = z.infer<typeof createProgrammeBody>;

export const milestoneSchema = z.object({
  date: isoDate,
  progress: z
    .number('implementation.error.progress')
    .min(0, 'implementation.error.progress')
    .max(100, 'implementation.error.progress'),
});

/**
 * Milestones as typed in a form, one a line: "2026-06-30 40" (date, then the
 * progress % expected by then). Lines that do not parse are kept as invalid
 * entries so the schema names them.
 */
export function parseMilestoneLines(text: string): unknown[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(\d{4}-\d{2}-\d{2})\s*[:;,\s]\s*(\d+(?:[.,]\d+)?)\s*%?$/.exec(l);
      return m
        ? { date: m[1], progress: Number(m[2]!.replace(',', '.')) }
        : { date: l, progress: Number.NaN };
    });
}

export const linkSchema = z.object({ type: z.enum(LINK_TYPES), key: z.string().trim().min(1).max(200) });
const budgetAmount = opt(vnd);
/** Budget in VND by source; an absent source is unknown, not zero. */
export const budgetSchema = z.object({
  central: budgetAmount,
  local: budgetAmount,
  oda: budgetAmount,
  nonBudget: budgetAmount,
  ppp: budgetAmount,
  other: budgetAmount,
});

const taskFields = {
  parentId: opt(id.nullable()),
  code: opt(z.string().trim().max(50)),
  title: z.string().trim().min(1, 'implementation.error.titleRequired').max(500),
  description: opt(z.string().max(10_000)),
  leadAgencyId: id,
  coordinatingAgencyIds: list(id),
  wholeProvince: bool.default(false),
  communeIds: list(z.string().trim().min(1).max(50)),
  startDate: opt(isoDate),
  dueDate: opt(isoDate),
  product: opt(z.string().trim().max(1000)),
  budget: budgetSchema.default({}),
  weight: z.preprocess(
    blankToUndefined,
    z.coerce.number('implementation.error.weight').min(0, 'implementation.error.weight').max(1000).default(1),
  ),
  links: z.array(linkSchema).default([]),
  milestones: z.array(milestoneSchema).max(50).default([]),
  isPublic: bool.default(false),
};

export const createTaskBody = z
  .object({ programmeId: id, ...taskFields })
  .refine((v) => !v.startDate || !v.dueDate || v.startDate <= v.dueDate, {
    path: ['dueDate'],
    message: 'implementation.error.dueBeforeStart',
  })
  .meta({
    example: {
      programmeId: 1,
      code: 'VD-01',
      title: 'Số hóa hồ sơ quy hoạch xã An Khánh (ví dụ)',
      description: 'Nhiệm vụ ví dụ để minh họa cách gọi API.',
      leadAgencyId: 8,
      coordinatingAgencyIds: [7],
      wholeProvince: false,
      communeIds: ['commune-05809-2025'],
      startDate: '2026-03-01',
      dueDate: '2026-12-31',
      product: 'Cơ sở dữ liệu hồ sơ quy hoạch được cập nhật lên hệ thống',
      budget: { local: 1500000000 },
      weight: 1,
      milestones: [{ date: '2026-06-30', progress: 40 }],
      isPublic: true,
    },
  });
export type CreateTaskInput = z.infer<typeof createTaskBody>;

export const updateTaskBody = z
  .object({
    title: taskFields.title.optional(),
    description: z.string().max(10_000).nullable().optional(),
    leadAgencyId: id.optional(),
    coordinatingAgencyIds: z.array(id).optional(),
    wholeProvince: z.boolean().optional(),
    communeIds: z.array(z.string().min(1).max(50)).optional(),
    startDate: isoDate.nullable().optional(),
    dueDate: isoDate.nullable().optional(),
    product: z.string().max(1000).nullable().optional(),
    budget: budgetSchema.optional(),
    weight: z.number().min(0).max(1000).optional(),
    links: z.array(linkSchema).optional(),
    milestones: z.array(milestoneSchema).max(50).optional(),
    status: z.enum(TASK_STATUSES).optional(),
    isPublic: z.boolean().optional(),
    rowVersion: z.coerce
      .number('implementation.error.rowVersion')
      .int()
      .positive('implementation.error.rowVersion'),
  })
  .meta({
    example: {
      dueDate: '2027-03-31',
      status: 'in_progress',
      milestones: [
        { date: '2026-06-30', progress: 30 },
        { date: '2026-12-31', progress: 70 },
      ],
      rowVersion: 3,
    },
  });
export type UpdateTaskInput = z.infer<typeof updateTaskBody>;

export const reportBody = z
  .object({
    period: z
      .string()
      .trim()
      .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'implementation.error.period'),
    progress: z.coerce
      .number('implementation.error.progress')
      .min(0, 'implementation.error.progress')
      .max(100, 'implementation.error.progress'),
    narrative: z.string().trim().min(1, 'implementation.error.narrativeRequired').max(20_000),
    spend: opt(vnd),
    risks: opt(z.string().max(10_000)),
    requestedDueDate: opt(isoDate),
    dueDateReason: opt(z.string().trim().max(2000)),
    submit: z.preprocess((v) => (v === undefined ? true : v), bool),
  })
  .refine((v) => !v.requestedDueDate || !!v.dueDateReason, {
    path: ['dueDateReason'],
    message: 'implementation.error.reasonRequired',
  });
export type ReportInput = z.infer<typeof reportBody>;

export const reviewBody = z
  .object({
    rowVersion: z.coerce.number().int().positive('implementation.error.rowVersion'),
    comment: opt(z.string().trim().max(5000)),
    acceptDueDate: z.preprocess((v) => (v === undefined ? undefined : v), bool.optional()),
  })
  .meta({
    example: { rowVersion: 2, comment: 'Đồng ý với kết quả báo cáo kỳ này.', acceptDueDate: true },
  });
// An extended schema does not inherit the example: the return gets its own.
export const returnBody = reviewBody
  .extend({
    comment: z.string().trim().min(1, 'implementation.error.commentRequired').max(5000),
  })
  .meta({
    example: { rowVersion: 2, comment: 'Đề nghị bổ sung biên bản nghiệm thu khối lượng đã hoàn thành.' },
  });

export const TASK_SORTS = ['due', 'title', 'progress', 'updated'] as const;

/**
 * The task list's query, shared by the API (strict: an unknown parameter is refused) and the
 * workspace page. `page`/`pageSize` are the older way to page and stay accepted; `cursor` with
 * `limit` is the way to walk the whole list.
 */
export const taskListQuery = collectionQuery({
  sorts: TASK_SORTS,
  defaultSort: 'due',
  filters: {
    programme: opt(id).describe('Programme id').meta({ example: 1 }),
    agency: opt(id).describe('Lead or coordinating agency id').meta({ example: 3 }),
    status: opt(z.enum(TASK_STATUSES)).meta({ example: 'in_progress' }),
    overdue: opt(z.enum(['true', 'false'])).meta({ example: 'true' }),
    commune: opt(z.string().max(50))
      .describe('Commune code (2025 or pre-2025 unit)')
      .meta({ example: '05800' }),
    q: opt(z.string().trim().max(200))
      .describe('Part of the title, diacritics ignored')
      .meta({ example: 'giao thong' }),
    page: z.coerce.number().int().min(1).default(1).describe('Older page-number paging (with pageSize)'),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(500)
      .optional()
      .describe('Older page size; `limit` takes precedence'),
  },
}).extend({
  // Unset unless given, so the older `pageSize` still decides when `limit` is absent.
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .describe('Records per page (1–500, default 50)')
    .meta({ example: 20 }),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

/** The task edit form: every field is sent; a blank date or text clears it. */
export const editTaskBody = z
  .object({
    ...taskFields,
    status: z.enum(TASK_STATUSES),
    rowVersion: z.coerce
      .number('implementation.error.rowVersion')
      .int()
      .positive('implementation.error.rowVersion'),
  })
  .refine((v) => !v.startDate || !v.dueDate || v.startDate <= v.dueDate, {
    path: ['dueDate'],
    message: 'implementation.error.dueBeforeStart',
  });

/** The edit form's data as a PATCH: what the form leaves blank is cleared, not kept. */
export function editFormToUpdate(v: z.infer<typeof editTaskBody>): UpdateTaskInput {
  return {
    title: v.title,
    description: v.description ?? null,
    leadAgencyId: v.leadAgencyId,
    coordinatingAgencyIds: v.coordinatingAgencyIds,
    wholeProvince: v.wholeProvince,
    communeIds: v.communeIds,
    startDate: v.startDate ?? null,
    dueDate: v.dueDate ?? null,
    product: v.product ?? null,
    budget: v.budget,
    weight: v.weight,
    links: v.links,
    milestones: v.milestones,
    status: v.status,
    isPublic: v.isPublic,
    rowVersion: v.rowVersion,
  };
}

/**
 * A task form as posted (flat fields, repeated names for multi-selects) in the
 * shape of the task schemas: budget.central… → budget; link.<type> → links.
 */
export function taskFormInput(body: Record<string, string | string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const budget: Record<string, string> = {};
  const links: { type: string; key: string }[] = [];
  for (const [k, val] of Object.entries(body)) {
    if (k.startsWith('budget.')) {
      if (typeof val === 'string' && val.trim() !== '') budget[k.slice(7)] = val;
    } else if (k.startsWith('link.')) {
      const type = k.slice(5);
      for (const key of Array.isArray(val) ? val : [val]) if (key.trim() !== '') links.push({ type, key });
    } else if (k === 'milestones') {
      out.milestones = parseMilestoneLines(typeof val === 'string' ? val : val.join('\n'));
    } else out[k] = val;
  }
  out.budget = budget;
  out.links = links;
  return out;
}
