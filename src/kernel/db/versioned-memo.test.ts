import assert from 'node:assert/strict';
import { test } from 'node:test';
import { versionedMemo } from './versioned-memo.ts';

test('a value is computed once per key, concurrent callers share it, a new version recomputes', async () => {
  const memo = versionedMemo<{ n: number }>(4);
  let computed = 0;
  const compute = async () => ({ n: ++computed });
  const [a, b] = await Promise.all([memo('v1|x', compute), memo('v1|x', compute)]);
  assert.equal(a, b);
  assert.equal(computed, 1);
  assert.equal((await memo('v2|x', compute)).n, 2);
});

test('a failed computation is not kept', async () => {
  const memo = versionedMemo<{ n: number }>(4);
  await assert.rejects(memo('k', () => Promise.reject(new Error('database gone'))));
  assert.deepEqual(await memo('k', async () => ({ n: 1 })), { n: 1 });
});

test('with no entries every call computes', async () => {
  const memo = versionedMemo<{ n: number }>(0);
  let computed = 0;
  await memo('k', async () => ({ n: ++computed }));
  await memo('k', async () => ({ n: ++computed }));
  assert.equal(computed, 2);
});
