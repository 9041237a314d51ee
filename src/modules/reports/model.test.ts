import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerMessages, translator } from '../../kernel/i18n/index.ts';
import { reportsMessages } from './messages.ts';
import { bodyTable } from './model.ts';
import type { ReportTable } from './registry.ts';

registerMessages(reportsMessages);
const vi = translator('vi');

const table = (n: number, priority?: number[]): ReportTable => ({
  title: 'Nhiệm vụ',
  headers: ['TT', 'Tên'],
  rows: Array.from({ length: n }, (_, i) => [i + 1, `Nhiệm vụ ${i + 1}`]),
  priority,
});

test('a short table is printed whole, without a note', () => {
  const short = table(3, [2, 1, 0]);
  const body = bodyTable(short, vi, 3);
  assert.deepEqual(body.rows, short.rows);
  assert.equal(body.note, undefined);
});

test('a long table keeps the rows that matter most, in their order, and says where the rest is', () => {
  // rows 4 and 2 are overdue (0), row 5 late (1), the rest on track (3)
  const body = bodyTable(table(6, [3, 0, 3, 0, 1, 3]), vi, 3);
  assert.deepEqual(
    body.rows.map((r) => r[0]),
    [2, 4, 5],
  );
  assert.equal(
    body.note,
    'Bảng trên nêu 3 trong tổng số 6 dòng, những dòng cần chú ý nhất trước (số thứ tự theo danh sách đầy đủ); danh sách đầy đủ ở phụ lục bảng (XLSX).',
  );
});

test('a long table without priorities keeps its first rows', () => {
  const body = bodyTable(table(5), translator('en'), 2);
  assert.deepEqual(
    body.rows.map((r) => r[0]),
    [1, 2],
  );
  assert.match(body.note ?? '', /first 2 of 5 rows/);
});
