// The leadership dashboard is made of sections contributed by modules. A module
// registers a section (what it loads, how it renders, which tables it exports);
// the dashboard page, its API and its XLSX exports show every registered section
// without knowing the modules. Indicators contribute today; tasks, projects and
// capital plug in the same way.
import type { VNode } from 'preact';
import type { Config } from '../../kernel/config/index.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { PageContext } from '../../kernel/ui/page-context.ts';

/** Drill-down filters shared by every section (a section ignores those it has no use for). */
export type DashboardFilters = {
  category?: string;
  agencyId?: number;
  /** the measure for the map/list of communes: an indicator code */
  measure?: string;
  /** drill-down to one commune (an admin unit id) */
  commune?: string;
  /** views by place: the 2025 units (default) or the pre-2025 ones */
  units?: 'new' | 'old';
};

/** A table of a section's figures: shown without JavaScript, exported as XLSX, returned by the API. */
export type DashboardTable = {
  key: string;
  title: string;
  headers: string[];
  rows: (string | number | null)[][];
};

export type SectionContext = {
  db: DbOrTx;
  config: Config;
  filters: DashboardFilters;
  t: PageContext['t'];
  /**
   * Loads shared by the sections of one request: the first call with a key runs `load`, the
   * others get the same promise. Several sections read the same rows (every task, every
   * indicator's status); the key names what is loaded, the filters are the request's.
   */
  shared<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * How many rows a list shows on the page and in the API (counts always cover every row);
   * null for the XLSX exports, which give every row.
   */
  listLimit: number | null;
};

/** Rows of a list on the page and in the API: enough to act on, a few kilobytes at national scale. */
export const DASHBOARD_LIST_ROWS = 50;

/** The first rows of a list, as many as the context shows. */
export function firstRows<T>(rows: readonly T[], ctx: Pick<SectionContext, 'listLimit'>): T[] {
  return ctx.listLimit === null ? [...rows] : rows.slice(0, ctx.listLimit);
}

/** A fresh `shared` for one request. */
export function sharedLoads(): SectionContext['shared'] {
  const loads = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>) => {
    let p = loads.get(key);
    if (!p) {
      p = load();
      loads.set(key, p);
    }
    return p as Promise<T>;
  };
}

export type DashboardSection<D = unknown> = {
  key: string;
  /** position on the page, smaller first */
  order: number;
  titleKey: string;
  load(ctx: SectionContext): Promise<D>;
  render(ctx: PageContext, data: D, filters: DashboardFilters): VNode;
  tables(data: D, t: PageContext['t']): DashboardTable[];
};

const sections: DashboardSection[] = [];

export function registerDashboardSection<D>(section: DashboardSection<D>): void {
  const existing = sections.findIndex((s) => s.key === section.key);
  if (existing >= 0) sections[existing] = section as DashboardSection;
  else sections.push(section as DashboardSection);
  sections.sort((a, b) => a.order - b.order);
}

export function dashboardSections(): readonly DashboardSection[] {
  return sections;
}
