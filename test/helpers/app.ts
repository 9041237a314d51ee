// Builds the app over a fresh test database and signs users in through the real API.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/kernel/config/index.ts';
import { systemActor } from '../../src/kernel/http/context.ts';
import type { Role } from '../../src/modules/accounts/schema.ts';
import { createUser } from '../../src/modules/accounts/users.ts';
import { freshDatabase, type TestDatabase } from './db.ts';

export type TestApp = { app: FastifyInstance; database: TestDatabase; close(): Promise<void> };

export async function startTestApp(
  options: { seeded?: boolean; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const database = await freshDatabase({ seeded: options.seeded });
  const config = loadConfig({}, { seedOnStart: false, ...options.config });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * A second app over the test app's database: it stands for another server process (its own
 * caches, the same data). The caller closes it before the test app.
 */
export async function startOtherProcess(t: TestApp, config: Partial<Config> = {}): Promise<FastifyInstance> {
  const app = await buildApp({
    config: loadConfig({}, { seedOnStart: false, ...config }),
    database: t.database,
    logger: false,
  });
  await app.ready();
  return app;
}

export const TEST_PASSWORD = 'mat-khau-thu-nghiem-1';

let counter = 0;
export async function createTestUser(
  database: TestDatabase,
  role: Role,
  options: { agencyId?: number; email?: string; password?: string } = {},
) {
  counter += 1;
  const email = options.email ?? `${role}-${process.pid}-${counter}@example.test`;
  const { user } = await createUser(database.db, systemActor('test'), {
    email,
    displayName: `Test ${role} ${counter}`,
    role,
    agencyId: options.agencyId,
    password: options.password ?? TEST_PASSWORD,
  });
  return user;
}

export type Session = {
  cookie: string;
  csrfToken: string;
  headers(extra?: Record<string, string>): Record<string, string>;
};

/** Signs in through POST /api/v1/auth/login and returns headers for later requests. */
export async function login(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'qh_session');
  if (!cookie) throw new Error('no session cookie');
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  const cookieHeader = `qh_session=${cookie.value}`;
  return {
    cookie: cookieHeader,
    csrfToken,
    headers: (extra = {}) => ({ cookie: cookieHeader, 'x-csrf-token': csrfToken, ...extra }),
  };
}

export async function countRows(database: TestDatabase, table: string): Promise<number> {
  const r = (await database.db.execute(`select count(*)::int as n from "${table}"`)) as unknown as {
    rows: { n: number }[];
  };
  return Number(r.rows[0]?.n ?? 0);
}
