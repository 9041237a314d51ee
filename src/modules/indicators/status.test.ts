import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeTargetStatus, type StatusIndicator, type StatusTarget } from './status.ts';

const close = (actual: number | null, expected: number, tolerance = 1e-4) => {
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${actual} ≉ ${expected}`);
};

const level = (over: Partial<StatusIndicator> = {}): StatusIndicator => ({
  direction: 'higher',
  kind: 'level',
  baselineYear: null,
  baselineValue: null,
  ...over,
});
const target = (over: Partial<StatusTarget> = {}): StatusTarget => ({
  year: 2030,
  periodStart: null,
  value: null,
  min: null,
  max: null,
  ...over,
});

describe('level targets (compound annual growth, Open SDG method)', () => {
  test('projection arithmetic: base 100 (2020), 121.550625 (2024), target 200 in 2030', () => {
    const r = computeTargetStatus(level({ baselineYear: 2020, baselineValue: 100 }), target({ value: 200 }), [
      { year: 2024, value: 121.550625 },
    ]);
    // achieved CAGR = (121.550625/100)^(1/4) − 1 = 1.05 − 1 = 0.05 (1.05⁴ = 1.21550625)
    close(r.achievedRate, 0.05);
    // required CAGR = (200/100)^(1/10) − 1 = 2^0.1 − 1 = 0.0717735
    close(r.requiredRate, 0.0717735);
    // ratio = 0.05 / 0.0717735 = 0.69664 → between 0.6 and 0.95
    close(r.ratio, 0.69664);
    assert.equal(r.status, 'needs_acceleration');
    assert.equal(r.method, 'cagr');
    // projection 2030 = 121.550625 × 1.05⁶ = 121.550625 × 1.3400956 = 162.88946
    assert.equal(r.projection?.year, 2030);
    close(r.projection!.value, 162.88946);
    // required from now = (200/121.550625)^(1/6) − 1 = 0.0865394
    close(r.requiredRateNow, 0.0865394);
  });

  test('no baseline: the earliest observation is the base', () => {
    const r = computeTargetStatus(level(), target({ value: 200 }), [
      { year: 2020, value: 100 },
      { year: 2024, value: 121.550625 },
    ]);
    assert.equal(r.base?.year, 2020);
    assert.equal(r.status, 'needs_acceleration');
  });

  test('no baseline and a single observation: no data (a trend needs two points), but the rate needed now is given', () => {
    const r = computeTargetStatus(level(), target({ value: 13.5 }), [{ year: 2023, value: 6.3 }]);
    assert.equal(r.status, 'no_data');
    assert.equal(r.reason, 'single_observation');
    // (13.5/6.3)^(1/7) − 1 = 2.142857^(0.142857) − 1 = 0.115 (11.5 %/year)
    close(r.requiredRateNow, 0.11501, 1e-4);
    assert.equal(r.projection, null);
  });

  test('no observations at all: no data', () => {
    const r = computeTargetStatus(level(), target({ value: 10 }), []);
    assert.equal(r.status, 'no_data');
    assert.equal(r.reason, 'no_observations');
  });

  test('target already met: achieved, whatever the trend', () => {
    const r = computeTargetStatus(level({ baselineYear: 2020, baselineValue: 50 }), target({ value: 40 }), [
      { year: 2022, value: 45 },
    ]);
    // 45 ≥ 40 while the value fell since 2020: still achieved
    assert.equal(r.status, 'achieved');
    assert.equal(r.reason, 'target_met');
  });

  test('lower is better: share of agriculture 10.5 % (2020) → 9.3 % (2024), target 7.2 % in 2030', () => {
    const r = computeTargetStatus(
      level({ direction: 'lower', kind: 'rate', baselineYear: 2020, baselineValue: 10.5 }),
      target({ value: 7.2 }),
      [{ year: 2024, value: 9.3 }],
    );
    // rate → linear: achieved (9.3 − 10.5)/4 = −0.3 points/yr; required (7.2 − 10.5)/10 = −0.33
    close(r.achievedRate, -0.3);
    close(r.requiredRate, -0.33);
    // ratio = −0.3 / −0.33 = 0.90909 → needs acceleration
    close(r.ratio, 0.909091);
    assert.equal(r.status, 'needs_acceleration');
    // projection = 9.3 − 0.3 × 6 = 7.5; needed now (7.2 − 9.3)/6 = −0.35
    close(r.projection!.value, 7.5);
    close(r.requiredRateNow, -0.35);
  });

  test('lower is better, moving the wrong way: off track', () => {
    const r = computeTargetStatus(
      level({ direction: 'lower', baselineYear: 2020, baselineValue: 10 }),
      target({ value: 5 }),
      [{ year: 2024, value: 11 }],
    );
    assert.ok(r.ratio! < 0);
    assert.equal(r.status, 'off_track');
  });

  test('range target: inside the band is achieved; below it, the low edge is the goal', () => {
    const ind = level({ direction: 'range', kind: 'rate', baselineYear: 2020, baselineValue: 2 });
    const band = target({ min: 4, max: 6 });
    assert.equal(computeTargetStatus(ind, band, [{ year: 2024, value: 5 }]).status, 'achieved');
    const below = computeTargetStatus(ind, band, [{ year: 2024, value: 3.6 }]);
    // goal 4; achieved (3.6 − 2)/4 = 0.4; required (4 − 2)/10 = 0.2; ratio 2 → on track
    assert.equal(below.goal, 4);
    close(below.ratio, 2);
    assert.equal(below.status, 'on_track');
    const above = computeTargetStatus(ind, band, [{ year: 2024, value: 8 }]);
    // above the band: goal 6, moving away from it (2 → 8 crosses the band): fell back → off track
    assert.equal(above.goal, 6);
    assert.equal(above.status, 'off_track');
  });

  test('target year passed without meeting it: off track', () => {
    const r = computeTargetStatus(level(), target({ year: 2025, value: 100 }), [
      { year: 2020, value: 50 },
      { year: 2025, value: 90 },
    ]);
    assert.equal(r.status, 'off_track');
    assert.equal(r.reason, 'target_year_passed');
  });

  test('thresholds are configuration', () => {
    const args = [
      level({ baselineYear: 2020, baselineValue: 100 }),
      target({ value: 200 }),
      [{ year: 2024, value: 121.550625 }],
    ] as const;
    assert.equal(
      computeTargetStatus(...args, { thresholds: { onTrack: 0.6, needsAcceleration: 0.3 } }).status,
      'on_track',
    );
    assert.equal(
      computeTargetStatus(...args, { thresholds: { onTrack: 0.99, needsAcceleration: 0.8 } }).status,
      'off_track',
    );
  });

  test('asOfYear ignores later observations', () => {
    const r = computeTargetStatus(
      level(),
      target({ value: 10 }),
      [
        { year: 2020, value: 1 },
        { year: 2022, value: 2 },
        { year: 2026, value: 20 },
      ],
      { asOfYear: 2025 },
    );
    assert.equal(r.latest?.year, 2022);
    assert.notEqual(r.status, 'achieved');
  });
});

describe('average annual growth targets', () => {
  const growth: StatusIndicator = {
    direction: 'higher',
    kind: 'average_growth',
    baselineYear: null,
    baselineValue: null,
  };

  test('the real GRDP growth indicator: 8–8.5 %/year over 2021–2030; 8.59 (2022), 5.56 (2023), 6.5 (2024)', () => {
    const r = computeTargetStatus(growth, target({ periodStart: 2021, year: 2030, min: 8, max: 8.5 }), [
      { year: 2022, value: 8.59 },
      { year: 2023, value: 5.56 },
      { year: 2024, value: 6.5 },
    ]);
    // Π(1 + gᵢ) = 1.0859 × 1.0556 × 1.065
    //   1.0859 × 1.0556 = 1.14627604;  × 1.065 = 1.14627604 + 0.0745079426 = 1.2207839826
    // compound mean = 1.2207839826^(1/3) − 1: 1.0687³ = 1.2205833, 1.0688³ = 1.2209260 → 1.0687586 → 6.87586 %
    close(r.achievedRate, 6.87586, 1e-4);
    // goal = the low end of the band, 8 (higher is better; above 8.5 is not a shortfall)
    assert.equal(r.goal, 8);
    // ratio = 6.87586 / 8 = 0.859482 → ≥ 0.6 and < 0.95 → needs acceleration
    close(r.ratio, 0.859482, 1e-5);
    assert.equal(r.status, 'needs_acceleration');
    // 2021 has no data: listed, and left out of the mean
    assert.deepEqual(r.yearsMissing, [2021]);
    assert.deepEqual(r.yearsObserved, [2022, 2023, 2024]);
    // required from 2025 to 2030 (6 years) so that the mean over 3 + 6 = 9 years is 8 %:
    //   (1.08⁹ / 1.2207839826)^(1/6) − 1;  1.08⁹ = 1.9990046271;  / 1.2207839826 = 1.6374761
    //   ln 1.6374761 = 0.4931560; / 6 = 0.0821927; e^0.0821927 = 1.085665 → 8.5665 %/year
    close(r.requiredRateNow, 8.5665, 1e-3);
    // projection: if the observed mean continues, the period mean stays 6.876 %
    close(r.projection!.value, 6.87586, 1e-4);
  });

  test('a negative year pulls the mean down; the status follows', () => {
    const r = computeTargetStatus(growth, target({ periodStart: 2021, year: 2030, value: 5 }), [
      { year: 2021, value: 7 },
      { year: 2022, value: -3 },
    ]);
    // (1.07 × 0.97)^(1/2) − 1 = 1.0379^(1/2) − 1 = 1.0187737 − 1 = 1.87737 %
    close(r.achievedRate, 1.87737, 1e-4);
    // ratio 1.87737 / 5 = 0.37547 → off track
    close(r.ratio, 0.375474, 1e-5);
    assert.equal(r.status, 'off_track');
    // required 2023–2030 (8 years) so the 10-year mean is 5 %: (1.05¹⁰ / 1.0379)^(1/8) − 1
    //   1.05¹⁰ = 1.6288946; / 1.0379 = 1.5694138; ^(1/8) = 1.0579 → 5.79 %
    close(r.requiredRateNow, 5.79, 0.01);
  });

  test('period complete: achieved or off track', () => {
    const r = computeTargetStatus(growth, target({ periodStart: 2021, year: 2022, value: 5 }), [
      { year: 2021, value: 6 },
      { year: 2022, value: 5 },
    ]);
    assert.equal(r.status, 'achieved');
  });

  test('mean meeting the goal before the period ends: on track', () => {
    const r = computeTargetStatus(growth, target({ periodStart: 2026, year: 2030, min: 10.5 }), [
      { year: 2026, value: 11 },
    ]);
    assert.equal(r.status, 'on_track');
  });
});

describe('cumulative targets', () => {
  const cumul: StatusIndicator = {
    direction: 'higher',
    kind: 'cumulative',
    baselineYear: null,
    baselineValue: null,
  };
  test('running sum against the pro-rata path', () => {
    const r = computeTargetStatus(cumul, target({ periodStart: 2021, year: 2030, value: 45 }), [
      { year: 2021, value: 3 },
      { year: 2022, value: 4 },
      { year: 2023, value: 5 },
    ]);
    // sum 12 after 3 of 10 years; path 45 × 3/10 = 13.5; ratio 12 / 13.5 = 0.8889 → needs acceleration
    close(r.ratio, 0.888889);
    assert.equal(r.status, 'needs_acceleration');
    // projection 12/3 × 10 = 40; needed from now (45 − 12)/7 = 4.7143 per year
    close(r.projection!.value, 40);
    close(r.requiredRateNow, 4.714286);
  });
});
