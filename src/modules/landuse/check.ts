// The land-use quota check: a plan (communes × categories, ha) against the
// quotas the province gave each commune and the quota the nation gave the
// province. Pure functions over plain data.

export type Amounts = Record<string, Record<string, number>>; // unit → category → ha

export type CellResult = {
  communeId: string;
  category: string;
  plannedHa: number;
  quotaHa: number | null;
  differenceHa: number | null;
  status: 'within' | 'exceeded' | 'no_quota';
};

export type TotalResult = {
  key: string;
  plannedHa: number;
  quotaHa: number | null;
  differenceHa: number | null;
  status: 'within' | 'exceeded' | 'no_quota';
};

export type QuotaCheckResult = {
  cells: CellResult[];
  exceedances: CellResult[];
  byCategory: TotalResult[];
  byCommune: TotalResult[];
  /** The plan's total per category against the province's own quota. */
  provinceByCategory: TotalResult[];
};

const EPS = 1e-6;
const r = (n: number) => Math.round(n * 10_000) / 10_000;

function total(key: string, planned: number, quota: number | null): TotalResult {
  return {
    key,
    plannedHa: r(planned),
    quotaHa: quota === null ? null : r(quota),
    differenceHa: quota === null ? null : r(planned - quota),
    status: quota === null ? 'no_quota' : planned > quota + EPS ? 'exceeded' : 'within',
  };
}

/**
 * A cell is exceeded when the plan gives a commune more of a category than its
 * quota. Totals compare sums; the province comparison uses the national quota.
 */
export function checkQuotas(
  plan: Amounts,
  communeQuotas: Amounts,
  provinceQuotas: Record<string, number>,
): QuotaCheckResult {
  const cells: CellResult[] = [];
  for (const [communeId, row] of Object.entries(plan)) {
    for (const [category, planned] of Object.entries(row)) {
      const quota = communeQuotas[communeId]?.[category];
      const q = quota === undefined ? null : quota;
      cells.push({
        communeId,
        category,
        plannedHa: r(planned),
        quotaHa: q === null ? null : r(q),
        differenceHa: q === null ? null : r(planned - q),
        status:
          q === null ? (planned > 0 ? 'no_quota' : 'within') : planned > q + EPS ? 'exceeded' : 'within',
      });
    }
  }
  const categories = [...new Set(cells.map((c) => c.category))];
  const communes = [...new Set(cells.map((c) => c.communeId))];
  const sumQuota = (list: CellResult[]) =>
    list.some((c) => c.quotaHa !== null) ? list.reduce((s, c) => s + (c.quotaHa ?? 0), 0) : null;
  const byCategory = categories.map((cat) => {
    const list = cells.filter((c) => c.category === cat);
    return total(
      cat,
      list.reduce((s, c) => s + c.plannedHa, 0),
      sumQuota(list),
    );
  });
  const byCommune = communes.map((id) => {
    const list = cells.filter((c) => c.communeId === id);
    return total(
      id,
      list.reduce((s, c) => s + c.plannedHa, 0),
      sumQuota(list),
    );
  });
  const provinceByCategory = categories.map((cat) =>
    total(
      cat,
      cells.filter((c) => c.category === cat).reduce((s, c) => s + c.plannedHa, 0),
      provinceQuotas[cat] ?? null,
    ),
  );
  return {
    cells,
    exceedances: cells.filter((c) => c.status === 'exceeded'),
    byCategory,
    byCommune,
    provinceByCategory,
  };
}
