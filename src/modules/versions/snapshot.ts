// What a plan version holds (a snapshot of its targets, typed items, projects and
// section texts), how one is read from the plan's current tables, copied for a
// new version, and how two are compared. The comparison is a pure function.
import { diffWords } from 'diff';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { indicators, indicatorTargets } from '../indicators/schema.ts';
import type { Comparator } from '../indicators/status.ts';
import { planItems, planSections } from '../plan/schema.ts';
import { projects } from '../projects/schema.ts';

export type TargetSnap = {
  /** `<indicator code>:<year>` or `<code>:<start>-<year>` for a target over a period. */
  key: string;
  code: string;
  nameVi: string;
  nameEn: string | null;
  unit: string;
  year: number;
  periodStart: number | null;
  value: number | null;
  min: number | null;
  max: number | null;
  comparator: Comparator;
  /** The key of an earlier version's target this one revises (e.g. the same growth rate, new period). */
  supersedes?: string;
  /** Copied from the previous version; this version's own sources do not restate it. */
  carried?: boolean;
  note?: string | null;
  sources: string[];
};
export type ItemSnap = {
  key: string;
  kind: string;
  code: string;
  nameVi: string;
  nameEn: string | null;
  areaHa: number | null;
  carried?: boolean;
  sources: string[];
};
export type ProjectSnap = {
  key: string;
  nameVi: string;
  nameEn: string | null;
  totalInvestmentVnd: number | null;
  carried?: boolean;
  sources: string[];
};
export type SectionSnap = {
  key: string;
  titleVi: string;
  titleEn: string | null;
  bodyVi: string;
  carried?: boolean;
  note?: string | null;
  sources: string[];
};
export type Snapshot = {
  targets: TargetSnap[];
  items: ItemSnap[];
  projects: ProjectSnap[];
  sections: SectionSnap[];
};

export const emptySnapshot = (): Snapshot => ({ targets: [], items: [], projects: [], sections: [] });

export const targetKey = (code: string, year: number, periodStart: number | null) =>
  periodStart === null ? `${code}:${year}` : `${code}:${periodStart}-${year}`;

/**
 * The plan record's current contents as a snapshot: its indicators' targets, its
 * typed items (not the empty placeholders), its published sections and — when
 * `withProjects` — the public, non-sample priority projects.
 */
export async function snapshotOfPlan(
  db: DbOrTx,
  planId: number,
  options: { withProjects: boolean },
): Promise<Snapshot> {
  const inds = await db
    .select()
    .from(indicators)
    .where(eq(indicators.planId, planId))
    .orderBy(asc(indicators.sortOrder));
  const targets = inds.length
    ? await db
        .select()
        .from(indicatorTargets)
        .where(
          inArray(
            indicatorTargets.indicatorId,
            inds.map((i) => i.id),
          ),
        )
        .orderBy(asc(indicatorTargets.year))
    : [];
  const items = await db
    .select()
    .from(planItems)
    .where(and(eq(planItems.planId, planId), eq(planItems.isPlaceholder, false)))
    .orderBy(asc(planItems.kind), asc(planItems.position));
  const sections = await db
    .select()
    .from(planSections)
    .where(and(eq(planSections.planId, planId), eq(planSections.status, 'published')))
    .orderBy(asc(planSections.id));
  const projectRows = options.withProjects
    ? await db
        .select()
        .from(projects)
        .where(and(eq(projects.isPublic, true), eq(projects.isSample, false)))
        .orderBy(asc(projects.code))
    : [];
  return {
    targets: inds.flatMap((i) =>
      targets
        .filter((t) => t.indicatorId === i.id)
        .map((t) => ({
          key: targetKey(i.code, t.year, t.periodStart),
          code: i.code,
          nameVi: i.nameVi,
          nameEn: i.nameEn,
          unit: i.unit,
          year: t.year,
          periodStart: t.periodStart,
          value: t.value,
          min: t.minValue,
          max: t.maxValue,
          comparator: t.comparator,
          note: i.notes,
          sources: t.sources.length ? t.sources : i.sources,
        })),
    ),
    items: items.map((r) => ({
      key: `${r.kind}:${r.code}`,
      kind: r.kind,
      code: r.code,
      nameVi: r.nameVi,
      nameEn: r.nameEn,
      areaHa: r.areaHa,
      sources: r.sources,
    })),
    projects: projectRows.map((p) => ({
      key: p.code,
      nameVi: p.nameVi,
      nameEn: p.nameEn,
      totalInvestmentVnd: p.totalInvestmentVnd,
      sources: p.sources,
    })),
    sections: sections.map((s) => ({
      key: s.slug,
      titleVi: s.titleVi,
      titleEn: s.titleEn,
      bodyVi: s.bodyVi,
      sources: s.sources,
    })),
  };
}

/** A new version starts as a copy of the previous one: everything carried over. */
export function copySnapshot(previous: Snapshot): Snapshot {
  const carry = <T extends { carried?: boolean; supersedes?: string }>(xs: T[]): T[] =>
    xs.map(({ supersedes: _s, ...x }) => ({ ...x, carried: true }) as T);
  return {
    targets: carry(previous.targets),
    items: carry(previous.items),
    projects: carry(previous.projects),
    sections: carry(previous.sections),
  };
}

// ---------------------------------------------------------------------------
// Comparison

export type TargetValue = Pick<
  TargetSnap,
  'key' | 'year' | 'periodStart' | 'value' | 'min' | 'max' | 'comparator' | 'unit' | 'sources'
> & { note: string | null };
export type TargetChange = {
  key: string;
  nameVi: string;
  nameEn: string | null;
  change: 'added' | 'removed' | 'changed';
  from: TargetValue | null;
  to: TargetValue | null;
};
export type ItemChange = {
  key: string;
  kind: string;
  nameVi: string;
  nameEn: string | null;
  change: 'added' | 'removed' | 'resized';
  fromAreaHa: number | null;
  toAreaHa: number | null;
};
export type ProjectChange = {
  key: string;
  nameVi: string;
  nameEn: string | null;
  change: 'added' | 'removed';
};
export type TextPart = { value: string; added?: boolean; removed?: boolean };
export type SectionChange = {
  key: string;
  titleVi: string;
  titleEn: string | null;
  change: 'added' | 'removed' | 'changed';
  parts: TextPart[];
};
export type Comparison = {
  targets: TargetChange[];
  items: ItemChange[];
  projects: ProjectChange[];
  sections: SectionChange[];
  unchanged: { targets: number; items: number; projects: number; sections: number };
};

const targetValueOf = (t: TargetSnap): TargetValue => ({
  key: t.key,
  year: t.year,
  periodStart: t.periodStart,
  value: t.value,
  min: t.min,
  max: t.max,
  comparator: t.comparator,
  unit: t.unit,
  note: t.note ?? null,
  sources: t.sources,
});

const sameTarget = (a: TargetSnap, b: TargetSnap) =>
  a.year === b.year &&
  a.periodStart === b.periodStart &&
  a.value === b.value &&
  a.min === b.min &&
  a.max === b.max &&
  a.comparator === b.comparator &&
  a.unit === b.unit;

const byKey = <T extends { key: string }>(xs: T[]) => new Map(xs.map((x) => [x.key, x]));

function compareTargets(from: TargetSnap[], to: TargetSnap[]) {
  const before = byKey(from);
  const toKeys = new Set(to.map((t) => t.key));
  const matched = new Set<string>();
  const out: TargetChange[] = [];
  let unchanged = 0;
  for (const t of to) {
    const same = before.get(t.key);
    // A revised target (new period, new figure) is the change of the one it supersedes.
    const old = same ?? (t.supersedes && !toKeys.has(t.supersedes) ? before.get(t.supersedes) : undefined);
    if (!old) {
      out.push({
        key: t.key,
        nameVi: t.nameVi,
        nameEn: t.nameEn,
        change: 'added',
        from: null,
        to: targetValueOf(t),
      });
      continue;
    }
    matched.add(old.key);
    if (same && sameTarget(old, t)) unchanged++;
    else
      out.push({
        key: t.key,
        nameVi: t.nameVi,
        nameEn: t.nameEn,
        change: 'changed',
        from: targetValueOf(old),
        to: targetValueOf(t),
      });
  }
  for (const f of from)
    if (!matched.has(f.key))
      out.push({
        key: f.key,
        nameVi: f.nameVi,
        nameEn: f.nameEn,
        change: 'removed',
        from: targetValueOf(f),
        to: null,
      });
  return { changes: out, unchanged };
}

function compareItems(from: ItemSnap[], to: ItemSnap[]) {
  const before = byKey(from);
  const after = byKey(to);
  const out: ItemChange[] = [];
  let unchanged = 0;
  for (const t of to) {
    const f = before.get(t.key);
    const base = { key: t.key, kind: t.kind, nameVi: t.nameVi, nameEn: t.nameEn };
    if (!f) out.push({ ...base, change: 'added', fromAreaHa: null, toAreaHa: t.areaHa });
    else if (f.areaHa !== t.areaHa)
      out.push({ ...base, change: 'resized', fromAreaHa: f.areaHa, toAreaHa: t.areaHa });
    else unchanged++;
  }
  for (const f of from)
    if (!after.has(f.key))
      out.push({
        key: f.key,
        kind: f.kind,
        nameVi: f.nameVi,
        nameEn: f.nameEn,
        change: 'removed',
        fromAreaHa: f.areaHa,
        toAreaHa: null,
      });
  return { changes: out, unchanged };
}

function compareProjects(from: ProjectSnap[], to: ProjectSnap[]) {
  const before = byKey(from);
  const after = byKey(to);
  const out: ProjectChange[] = [
    ...to.filter((p) => !before.has(p.key)).map((p) => ({ ...pick(p), change: 'added' as const })),
    ...from.filter((p) => !after.has(p.key)).map((p) => ({ ...pick(p), change: 'removed' as const })),
  ];
  return { changes: out, unchanged: to.length - to.filter((p) => !before.has(p.key)).length };
}
const pick = (p: ProjectSnap) => ({ key: p.key, nameVi: p.nameVi, nameEn: p.nameEn });

function compareSections(from: SectionSnap[], to: SectionSnap[]) {
  const before = byKey(from);
  const after = byKey(to);
  const out: SectionChange[] = [];
  let unchanged = 0;
  const parts = (a: string, b: string): TextPart[] =>
    diffWords(a, b).map((p) => ({
      value: p.value,
      ...(p.added ? { added: true } : {}),
      ...(p.removed ? { removed: true } : {}),
    }));
  for (const t of to) {
    const f = before.get(t.key);
    const base = { key: t.key, titleVi: t.titleVi, titleEn: t.titleEn };
    if (!f) out.push({ ...base, change: 'added', parts: [{ value: t.bodyVi, added: true }] });
    else if (f.bodyVi !== t.bodyVi || f.titleVi !== t.titleVi)
      out.push({
        ...base,
        change: 'changed',
        parts: parts(`${f.titleVi}\n\n${f.bodyVi}`, `${t.titleVi}\n\n${t.bodyVi}`),
      });
    else unchanged++;
  }
  for (const f of from)
    if (!after.has(f.key))
      out.push({
        key: f.key,
        titleVi: f.titleVi,
        titleEn: f.titleEn,
        change: 'removed',
        parts: [{ value: f.bodyVi, removed: true }],
      });
  return { changes: out, unchanged };
}

/** What changed from one version's snapshot to another's. */
export function compareSnapshots(from: Snapshot, to: Snapshot): Comparison {
  const targets = compareTargets(from.targets, to.targets);
  const items = compareItems(from.items, to.items);
  const projs = compareProjects(from.projects, to.projects);
  const sections = compareSections(from.sections, to.sections);
  return {
    targets: targets.changes,
    items: items.changes,
    projects: projs.changes,
    sections: sections.changes,
    unchanged: {
      targets: targets.unchanged,
      items: items.unchanged,
      projects: projs.unchanged,
      sections: sections.unchanged,
    },
  };
}
