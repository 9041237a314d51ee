import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Role } from '../accounts/schema.ts';
import { users } from '../accounts/schema.ts';
import { agencies } from '../agencies/schema.ts';

/** Which provider account is which local user (issuer + subject, as OpenID Connect identifies people). */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    issuer: text().notNull(),
    subject: text().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    lastLoginAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sso_identities_uq').on(t.issuer, t.subject)],
);

/** Set by admins: a claim value gives a role (and agency); the first matching rule by position wins. */
export const ssoRoleMappings = pgTable(
  'sso_role_mappings',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    claim: text().notNull(),
    value: text().notNull(),
    role: text().$type<Role>().notNull(),
    agencyId: integer().references(() => agencies.id),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'sso_role_mappings_role_chk',
      sql`${t.role} in ('admin','planner','agency_editor','agency_viewer','leader','moderator')`,
    ),
    check(
      'sso_role_mappings_agency_chk',
      sql`${t.role} not in ('agency_editor','agency_viewer') or ${t.agencyId} is not null`,
    ),
  ],
);

/** A sign-in in progress: the PKCE verifier and nonce, used once, for ten minutes. */
export const ssoLoginStates = pgTable('sso_login_states', {
  state: text().primaryKey(),
  codeVerifier: text().notNull(),
  nonce: text().notNull(),
  next: text().notNull().default('/'),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});
