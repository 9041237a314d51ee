import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modules } from '../../modules/index.ts';
import {
  allMessages,
  formatDate,
  formatNumber,
  localeFromAcceptLanguage,
  registerMessages,
} from './index.ts';

test('every message exists in Vietnamese and English', () => {
  for (const m of modules) if (m.messages) registerMessages(m.messages);
  const { vi, en } = allMessages();
  const missingEn = Object.keys(vi).filter((k) => !(k in en));
  const missingVi = Object.keys(en).filter((k) => !(k in vi));
  assert.deepEqual(missingEn, [], 'keys without English');
  assert.deepEqual(missingVi, [], 'keys without Vietnamese');
  const empty = Object.entries({ ...vi, ...en }).filter(([, v]) => v.trim() === '');
  assert.deepEqual(empty, []);
});

test('Vietnamese number and date formats', () => {
  assert.equal(formatNumber('vi', 1234.5), '1.234,5');
  assert.equal(formatNumber('en', 1234.5), '1,234.5');
  assert.equal(formatDate('2023-03-14'), '14/03/2023');
});

test('Accept-Language picks English only when asked for', () => {
  assert.equal(localeFromAcceptLanguage('en-US,en;q=0.9'), 'en');
  assert.equal(localeFromAcceptLanguage('fr-FR, en;q=0.5, vi;q=0.8'), 'vi');
  assert.equal(localeFromAcceptLanguage(undefined), 'vi');
  assert.equal(localeFromAcceptLanguage('de'), 'vi');
});
