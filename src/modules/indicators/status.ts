// The status method: for one target of one indicator, from the observations,
// is the target achieved, on track, in need of acceleration, off track, or is
// there no data? Pure functions over plain data; every result carries the
// numbers it was computed from so the UI can show "how this was computed".
// The method is explained with worked examples in docs/monitoring-method.md.

export const TARGET_STATUSES = [
  'achieved',
  'on_track',
  'needs_acceleration',
  'off_track',
  'no_data',
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const DIRECTIONS = ['higher', 'lower', 'range'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** level: a value in a year (trend by compound growth); rate: a percentage (linear trend, in points);
 * average_growth: yearly growth rates whose mean over a period is targeted; cumulative: a sum over a period. */
export const INDICATOR_KINDS = ['level', 'rate', 'average_growth', 'cumulative'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const COMPARATORS = ['eq', 'approx', 'gt', 'gte', 'lt', 'lte', 'between'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export type Thresholds = {
  /** ratio of achieved to required pace at or above which a target is on track (Open SDG: 0.95) */
  onTrack: number;
  /** ratio at or above which it needs acceleration; below it is off track (Open SDG: 0.6) */
  needsAcceleration: number;
};
export const DEFAULT_THRESHOLDS: Thresholds = { onTrack: 0.95, needsAcceleration: 0.6 };

export type StatusIndicator = {
  direction: Direction;
  kind: IndicatorKind;
  baselineYear: number | null;
  baselineValue: number | null;
};

export type StatusTarget = {
  /** the year by which the target is to be met (end of the period) */
  year: number;
  /** first year of the period, for average_growth and cumulative targets */
  periodStart: number | null;
  value: number | null;
  min: number | null;
  max: number | null;
};

export type Point = { year: number; value: number };

export type Method = 'cagr' | 'linear' | 'mean_growth' | 'cumulative' | 'none';

export type StatusResult = {
  status: TargetStatus;
  /** why the status is what it is, a message key under indicators.reason.* */
  reason: string;
  method: Method;
  /** the value the target asks for (for a band on the bad side, its nearest edge) */
  goal: number | null;
  base: Point | null;
  latest: Point | null;
  /** pace achieved so far: %/year (cagr, mean_growth), units/year (linear, cumulative) */
  achievedRate: number | null;
  /** pace needed from the base to meet the target (same unit as achievedRate) */
  requiredRate: number | null;
  /** achievedRate / requiredRate */
  ratio: number | null;
  /** pace needed from now (latest value) to meet the target in the target year */
  requiredRateNow: number | null;
  /** value expected in the target year if the observed trend continues */
  projection: Point | null;
  /** for period targets: the years counted and those without data */
  yearsObserved: number[];
  yearsMissing: number[];
  thresholds: Thresholds;
};

const round = (x: number, digits = 6) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The band a target accepts: [lo, hi] (either end may be open). */
export function targetBand(t: StatusTarget): { lo: number | null; hi: number | null } {
  if (t.min !== null || t.max !== null) return { lo: t.min, hi: t.max };
  return { lo: t.value, hi: t.value };
}

/** Does `v` meet the target, given the direction? Higher-is-better needs ≥ the low end, lower-is-better ≤ the high end. */
export function meets(
  direction: Direction,
  band: { lo: number | null; hi: number | null },
  v: number,
): boolean {
  const { lo, hi } = band;
  if (direction === 'higher') return lo !== null ? v >= lo : hi !== null && v >= hi;
  if (direction === 'lower') return hi !== null ? v <= hi : lo !== null && v <= lo;
  return (lo === null || v >= lo) && (hi === null || v <= hi);
}

/** The value to aim for from `from`: the edge of the band on the side `from` is (range), or per the direction. */
export function goalFor(direction: Direction, band: { lo: number | null; hi: number | null }, from: number) {
  if (direction === 'higher') return band.lo ?? band.hi;
  if (direction === 'lower') return band.hi ?? band.lo;
  if (band.lo !== null && from < band.lo) return band.lo;
  if (band.hi !== null && from > band.hi) return band.hi;
  return from;
}

function classify(ratio: number, th: Thresholds): TargetStatus {
  if (ratio >= th.onTrack) return 'on_track';
  if (ratio >= th.needsAcceleration) return 'needs_acceleration';
  return 'off_track';
}

function empty(reason: string, th: Thresholds, extra: Partial<StatusResult> = {}): StatusResult {
  return {
    status: 'no_data',
    reason,
    method: 'none',
    goal: null,
    base: null,
    latest: null,
    achievedRate: null,
    requiredRate: null,
    ratio: null,
    requiredRateNow: null,
    projection: null,
    yearsObserved: [],
    yearsMissing: [],
    thresholds: th,
    ...extra,
  };
}

/** Compound annual growth from a to b over n years (a fraction, 0.05 = 5 %). */
export function cagr(a: number, b: number, years: number): number {
  return (b / a) ** (1 / years) - 1;
}

/**
 * The status of one target. `observations` are the yearly values of the indicator for the
 * unit the target is about (one per year; the caller picks approved, annual, province-level ones).
 * `asOfYear` ignores observations after it (for a report on a past period).
 */
export function computeTargetStatus(
  indicator: StatusIndicator,
  target: StatusTarget,
  observations: readonly Point[],
  options: { thresholds?: Thresholds; asOfYear?: number } = {},
): StatusResult {
  const th = options.thresholds ?? DEFAULT_THRESHOLDS;
  const asOf = options.asOfYear ?? Number.POSITIVE_INFINITY;
  const obs = [...observations]
    .filter((o) => Number.isFinite(o.value) && o.year <= asOf)
    .sort((a, b) => a.year - b.year);
  const band = targetBand(target);
  if (band.lo === null && band.hi === null) return empty('no_target_value', th);
  if (indicator.kind === 'average_growth') return meanGrowthStatus(indicator, target, band, obs, th);
  if (indicator.kind === 'cumulative') return cumulativeStatus(indicator, target, band, obs, th);
  return levelStatus(indicator, target, band, obs, th);
}

function levelStatus(
  indicator: StatusIndicator,
  target: StatusTarget,
  band: { lo: number | null; hi: number | null },
  obs: Point[],
  th: Thresholds,
): StatusResult {
  const latest = obs.at(-1) ?? null;
  if (!latest) return empty('no_observations', th);
  const T = target.year;
  const achieved = meets(indicator.direction, band, latest.value);
  const goal = goalFor(indicator.direction, band, latest.value);
  const baselineUsable =
    indicator.baselineYear !== null &&
    indicator.baselineValue !== null &&
    indicator.baselineYear < latest.year;
  const base: Point | null = baselineUsable
    ? { year: indicator.baselineYear!, value: indicator.baselineValue! }
    : (obs.find((o) => o.year < latest.year) ?? null);
  const common = {
    goal,
    latest,
    base,
    thresholds: th,
    yearsObserved: obs.map((o) => o.year),
    yearsMissing: [],
  };
  if (achieved) {
    return {
      ...empty('target_met', th),
      ...common,
      status: 'achieved',
      method: 'none',
      projection: null,
    };
  }
  if (goal === null) return empty('no_target_value', th, common);
  if (latest.year >= T) {
    return { ...empty('target_year_passed', th), ...common, status: 'off_track' };
  }
  // Compound growth needs positive values; percentages (rates) and anything touching zero use a straight line.
  const linear =
    indicator.kind === 'rate' || (base !== null && base.value <= 0) || latest.value <= 0 || goal <= 0;
  const remaining = T - latest.year;
  const requiredRateNow = linear ? (goal - latest.value) / remaining : cagr(latest.value, goal, remaining);
  if (!base) {
    return {
      ...empty('single_observation', th),
      ...common,
      method: linear ? 'linear' : 'cagr',
      requiredRateNow: round(requiredRateNow),
    };
  }
  const elapsed = latest.year - base.year;
  const achievedRate = linear
    ? (latest.value - base.value) / elapsed
    : cagr(base.value, latest.value, elapsed);
  const requiredRate = linear ? (goal - base.value) / (T - base.year) : cagr(base.value, goal, T - base.year);
  const projectionValue = linear
    ? latest.value + achievedRate * remaining
    : latest.value * (1 + achievedRate) ** remaining;
  let status: TargetStatus;
  let ratio: number | null = null;
  let reason: string;
  if ((goal - base.value) * (goal - latest.value) <= 0 || requiredRate === 0) {
    // The base already met the target and the value has since fallen back.
    status = 'off_track';
    reason = 'fell_back';
  } else {
    ratio = achievedRate / requiredRate;
    status = classify(ratio, th);
    reason = 'pace_ratio';
  }
  return {
    ...common,
    status,
    reason,
    method: linear ? 'linear' : 'cagr',
    achievedRate: round(achievedRate),
    requiredRate: round(requiredRate),
    ratio: ratio === null ? null : round(ratio),
    requiredRateNow: round(requiredRateNow),
    projection: { year: T, value: round(projectionValue) },
  };
}

/**
 * Average annual growth over a period: the observed yearly rates (in %) are compounded,
 * mean = (Π(1 + gᵢ/100))^(1/n) − 1. Years of the period without data are listed and left out.
 * Required from now: the rate r for the years after the latest observation such that the
 * compound mean over the years observed plus those remaining equals the goal.
 */
function meanGrowthStatus(
  indicator: StatusIndicator,
  target: StatusTarget,
  band: { lo: number | null; hi: number | null },
  allObs: Point[],
  th: Thresholds,
): StatusResult {
  const start = target.periodStart ?? target.year;
  const T = target.year;
  const obs = allObs.filter((o) => o.year >= start && o.year <= T);
  const latest = obs.at(-1) ?? null;
  const yearsObserved = obs.map((o) => o.year);
  const yearsMissing: number[] = [];
  for (let y = start; y <= (latest?.year ?? start - 1); y++)
    if (!yearsObserved.includes(y)) yearsMissing.push(y);
  if (!latest) return empty('no_observations', th);
  if (obs.some((o) => o.value <= -100)) return empty('invalid_growth', th, { latest, yearsObserved });
  const product = obs.reduce((p, o) => p * (1 + o.value / 100), 1);
  const n = obs.length;
  const mean = (product ** (1 / n) - 1) * 100;
  const goal = goalFor(indicator.direction, band, mean);
  const remaining = T - latest.year;
  const common = {
    goal,
    latest,
    base: null,
    yearsObserved,
    yearsMissing,
    thresholds: th,
    method: 'mean_growth' as const,
    achievedRate: round(mean),
    projection: { year: T, value: round(mean) },
  };
  if (goal === null) return { ...empty('no_target_value', th), ...common };
  const requiredRateNow =
    remaining > 0
      ? ((1 + goal / 100) ** ((n + remaining) / remaining) / product ** (1 / remaining) - 1) * 100
      : null;
  const met = meets(indicator.direction, band, mean);
  if (remaining <= 0) {
    return {
      ...common,
      status: met ? 'achieved' : 'off_track',
      reason: met ? 'period_complete_met' : 'period_complete_missed',
      requiredRate: goal,
      ratio: null,
      requiredRateNow: null,
    };
  }
  if (met) {
    return {
      ...common,
      status: 'on_track',
      reason: 'mean_meets',
      requiredRate: goal,
      ratio: null,
      requiredRateNow: round(requiredRateNow!),
    };
  }
  let ratio: number | null = null;
  if (
    indicator.direction === 'lower' ||
    (indicator.direction === 'range' && band.hi !== null && mean > band.hi)
  ) {
    // Lower is better: the pace ratio is goal / mean (both positive), else off track.
    ratio = mean > 0 && goal > 0 ? goal / mean : null;
  } else {
    ratio = goal > 0 ? mean / goal : null;
  }
  const status: TargetStatus = ratio === null ? 'off_track' : classify(ratio, th);
  return {
    ...common,
    status,
    reason: ratio === null ? 'mean_wrong_sign' : 'mean_ratio',
    requiredRate: goal,
    ratio: ratio === null ? null : round(ratio),
    requiredRateNow: round(requiredRateNow!),
  };
}

/** Cumulative over a period: the running sum against the pro-rata path goal × (years elapsed / years in period). */
function cumulativeStatus(
  indicator: StatusIndicator,
  target: StatusTarget,
  band: { lo: number | null; hi: number | null },
  allObs: Point[],
  th: Thresholds,
): StatusResult {
  const start = target.periodStart ?? target.year;
  const T = target.year;
  const obs = allObs.filter((o) => o.year >= start && o.year <= T);
  const latest = obs.at(-1) ?? null;
  if (!latest) return empty('no_observations', th);
  const yearsObserved = obs.map((o) => o.year);
  const yearsMissing: number[] = [];
  for (let y = start; y <= latest.year; y++) if (!yearsObserved.includes(y)) yearsMissing.push(y);
  const sum = obs.reduce((s, o) => s + o.value, 0);
  const goal = goalFor(indicator.direction, band, sum);
  const N = T - start + 1;
  const elapsed = latest.year - start + 1;
  const remaining = T - latest.year;
  const achievedRate = sum / elapsed;
  const common = {
    goal,
    latest: { year: latest.year, value: round(sum) },
    base: null,
    yearsObserved,
    yearsMissing,
    thresholds: th,
    method: 'cumulative' as const,
    achievedRate: round(achievedRate),
    projection: { year: T, value: round(achievedRate * N) },
  };
  if (goal === null) return { ...empty('no_target_value', th), ...common };
  const requiredRate = goal / N;
  const requiredRateNow = remaining > 0 ? (goal - sum) / remaining : null;
  const met = meets(indicator.direction, band, sum);
  if (indicator.direction !== 'lower' && met) {
    return {
      ...common,
      status: 'achieved',
      reason: 'target_met',
      requiredRate: round(requiredRate),
      ratio: null,
      requiredRateNow: 0,
    };
  }
  if (remaining <= 0) {
    return {
      ...common,
      status: met ? 'achieved' : 'off_track',
      reason: met ? 'period_complete_met' : 'period_complete_missed',
      requiredRate: round(requiredRate),
      ratio: null,
      requiredRateNow: null,
    };
  }
  // Lower is better (a ceiling on a total): on the pro-rata path or under it is on track.
  const pathValue = goal * (elapsed / N);
  const ratio =
    indicator.direction === 'lower' ? (sum > 0 ? pathValue / sum : 1) : pathValue > 0 ? sum / pathValue : 0;
  return {
    ...common,
    status: classify(ratio, th),
    reason: 'prorata_ratio',
    requiredRate: round(requiredRate),
    ratio: round(ratio),
    requiredRateNow: requiredRateNow === null ? null : round(requiredRateNow),
  };
}

/** Rates are fractions for compound growth; shown in % per year. Other methods are already in display units. */
export function rateForDisplay(method: Method, rate: number | null): number | null {
  if (rate === null) return null;
  return method === 'cagr' ? rate * 100 : rate;
}
