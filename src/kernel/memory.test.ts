import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { collectGarbage } from './memory.ts';

test('collectGarbage frees what nothing refers to any more, at once', async () => {
  let garbage: number[] | null = Array.from({ length: 100_000 }, (_, i) => i);
  const ref = new WeakRef(garbage);
  garbage = null;
  // A WeakRef keeps its target until the end of the turn that made it.
  await nextTurn();
  collectGarbage();
  assert.equal(ref.deref(), undefined);
});
