import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coalescedRead } from './coalesced-read.ts';

/** A value that only changes when told; each read takes a moment, like a database round trip. */
function source() {
  let value = 0;
  let reads = 0;
  return {
    set: (v: number) => {
      value = v;
    },
    reads: () => reads,
    read: async () => {
      reads++;
      const seen = value;
      await new Promise((r) => setTimeout(r, 5));
      return seen;
    },
  };
}

test('callers during a read share the next read, which starts after they asked', async () => {
  const s = source();
  const version = coalescedRead(s.read);
  const first = version();
  // A change lands while the first read is running: those asking now must see it.
  s.set(1);
  const later = await Promise.all(Array.from({ length: 50 }, () => version()));
  assert.equal(await first, 0);
  assert.deepEqual(new Set(later), new Set([1]));
  assert.equal(s.reads(), 2, 'fifty callers, two reads');
});

test('a failed read fails its callers only; the next caller reads again', async () => {
  let fail = true;
  const version = coalescedRead(async () => {
    if (fail) throw new Error('connection lost');
    return 'v';
  });
  await assert.rejects(version());
  fail = false;
  assert.equal(await version(), 'v');
});
