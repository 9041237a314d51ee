// A person's rights over their data (Law 91/2025/QH15, Decree 13/2023): see
// what is held (export), have it erased; and the retention period after which
// contact data is removed without being asked. Every erasure is audited without
// repeating the email: the audit log keeps a hash, so it holds no personal data.
import crypto from 'node:crypto';
import type { Db, DbOrTx } from '../../kernel/db/types.ts';
import type { Actor } from '../../kernel/http/context.ts';
import { recordAudit } from '../audit/record.ts';
import type { PersonalDataSource, PersonalRecord } from './registry.ts';
import { PERSONAL_DATA_SOURCES } from './sources.ts';

export type PersonalDataExport = {
  email: string;
  generatedAt: string;
  sources: { key: string; records: PersonalRecord[] }[];
};

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What the audit log keeps instead of the email. */
export function emailDigest(email: string): string {
  return crypto
    .createHash('sha256')
    .update(`qh-person:${normaliseEmail(email)}`)
    .digest('hex')
    .slice(0, 16);
}

export async function exportPersonalData(
  db: DbOrTx,
  actor: Actor,
  email: string,
  sources: readonly PersonalDataSource[] = PERSONAL_DATA_SOURCES,
): Promise<PersonalDataExport> {
  const target = normaliseEmail(email);
  const result: PersonalDataExport = { email: target, generatedAt: new Date().toISOString(), sources: [] };
  for (const source of sources)
    result.sources.push({ key: source.key, records: await source.find(db, target) });
  await db.transaction(async (tx) => {
    await recordAudit(tx, actor, {
      action: 'export',
      entity: 'personal_data',
      entityId: emailDigest(target),
      after: { records: Object.fromEntries(result.sources.map((s) => [s.key, s.records.length])) },
    });
  });
  return result;
}

export type ErasureResult = { email: string; counts: Record<string, number>; total: number };

/** All or nothing: every source is erased in one transaction, with one audit entry. */
export async function erasePersonalData(
  db: Db,
  actor: Actor,
  email: string,
  sources: readonly PersonalDataSource[] = PERSONAL_DATA_SOURCES,
): Promise<ErasureResult> {
  const target = normaliseEmail(email);
  return db.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    for (const source of sources) counts[source.key] = await source.erase(tx, target);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    await recordAudit(tx, actor, {
      action: 'erase',
      entity: 'personal_data',
      entityId: emailDigest(target),
      after: { counts },
    });
    return { email: target, counts, total };
  });
}

export type RetentionResult = { before: string; counts: Record<string, number>; total: number };

/** Removes contact data older than `retentionDays`; 0 days means keep (retention switched off). */
export async function applyRetention(
  db: Db,
  actor: Actor,
  retentionDays: number,
  now = new Date(),
  sources: readonly PersonalDataSource[] = PERSONAL_DATA_SOURCES,
): Promise<RetentionResult | null> {
  if (retentionDays <= 0) return null;
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  return db.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    for (const source of sources) counts[source.key] = await source.expire(tx, before);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total > 0)
      await recordAudit(tx, actor, {
        action: 'expire',
        entity: 'personal_data',
        entityId: before.toISOString().slice(0, 10),
        after: { counts, retentionDays },
      });
    return { before: before.toISOString(), counts, total };
  });
}
