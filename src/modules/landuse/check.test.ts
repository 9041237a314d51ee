import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkQuotas } from './check.ts';

test('a plan exceeding one commune’s quota in one category is flagged for exactly that cell', () => {
  const quotas = { a: { LUA: 100, ODT: 20 }, b: { LUA: 50, ODT: 10 } };
  const plan = { a: { LUA: 90, ODT: 20 }, b: { LUA: 50, ODT: 12.5 } };
  const result = checkQuotas(plan, quotas, { LUA: 160, ODT: 30 });
  assert.deepEqual(
    result.exceedances.map((c) => [c.communeId, c.category, c.differenceHa]),
    [['b', 'ODT', 2.5]],
  );
  assert.deepEqual(
    result.byCategory.map((c) => [c.key, c.plannedHa, c.quotaHa, c.status]),
    [
      ['LUA', 140, 150, 'within'],
      ['ODT', 32.5, 30, 'exceeded'],
    ],
  );
  assert.deepEqual(result.provinceByCategory.find((c) => c.key === 'ODT')?.differenceHa, 2.5);
  assert.equal(result.byCommune.find((c) => c.key === 'a')?.status, 'within');
});

test('a category without a quota is reported as such, not as exceeded', () => {
  const result = checkQuotas({ a: { CLN: 5 } }, { a: { LUA: 1 } }, {});
  assert.equal(result.cells[0]?.status, 'no_quota');
  assert.equal(result.exceedances.length, 0);
});
