// What every request knows about who is asking; filled by the accounts module's
// authentication hook, read by routes, policies and the audit trail.
import type { Locale, Translate } from '../i18n/index.ts';

export type Role = 'admin' | 'planner' | 'agency_editor' | 'agency_viewer' | 'leader' | 'moderator';

export type CurrentUser = {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  agencyId: number | null;
  mustChangePassword: boolean;
};

export type AuthMethod = 'session' | 'token';

/** Who did a change, as the audit log records it. */
export type Actor = {
  userId: number | null;
  label: string;
  via: 'web' | 'api' | 'cli' | 'system';
  requestId?: string;
  ip?: string;
};

export const systemActor = (label = 'system'): Actor => ({ userId: null, label, via: 'system' });

/**
 * Who may call a route, declared on every route (`config.access`):
 * 'public' — anyone; 'user' — any signed-in user; a list — those roles only.
 * Record-level scope (own agency) is checked by the module's policy.
 */
export type Access = 'public' | 'user' | readonly Role[];

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    authMethod: AuthMethod | null;
    sessionId: string | null;
    csrfToken: string | null;
    tokenScopes: readonly string[];
    locale: Locale;
    t: Translate;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Skip CSRF check: only for endpoints that start a session from credentials. */
    csrfExempt?: boolean;
    /** A public download outside /api/ (e.g. open-data files) that gets CORS and Cache-Control like the public API. */
    publicData?: boolean;
    /** false: never answer this public read from the response cache (live figures: health, metrics). */
    responseCache?: boolean;
  }
}
