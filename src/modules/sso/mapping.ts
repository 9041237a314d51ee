// Claims → role and agency, by the rules admins set.
import type { Role } from '../accounts/schema.ts';

export type MappingRule = { claim: string; value: string; role: Role; agencyId: number | null };

function claimHas(claim: unknown, value: string): boolean {
  if (Array.isArray(claim)) return claim.some((c) => claimHas(c, value));
  if (typeof claim === 'string' || typeof claim === 'number' || typeof claim === 'boolean')
    return String(claim) === value;
  return false;
}

/** The first rule (in the given order) whose claim holds the value; null when none does. */
export function resolveRole(
  claims: Record<string, unknown>,
  rules: readonly MappingRule[],
): { role: Role; agencyId: number | null } | null {
  for (const r of rules) {
    const claim = r.claim
      .split('.')
      .reduce<unknown>(
        (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
        claims,
      );
    if (claimHas(claim, r.value)) return { role: r.role, agencyId: r.agencyId };
  }
  return null;
}
