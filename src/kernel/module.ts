// A module is one folder under src/modules: its tables, use cases, routes,
// pages, messages and seed. The composition root (src/app.ts) lists them.
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Config } from './config/index.ts';
import type { Database } from './db/engine.ts';
import type { Db } from './db/types.ts';
import type { Actor } from './http/context.ts';
import type { MessageBundle } from './i18n/index.ts';
import type { NavItem } from './ui/page-context.ts';

/** The Fastify instance modules register on: zod schemas validate and type requests. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type AppDeps = { database: Database; db: Db; config: Config };

export type SeedCounts = Record<string, number>;

export type AppModule = {
  name: string;
  messages?: MessageBundle;
  nav?: NavItem[];
  /** Registers the module's API routes and pages. Every route declares `config.access`. */
  routes?: (app: App, deps: AppDeps) => Promise<void>;
  /** Loads the module's part of the built-in dataset; idempotent. Runs in seed order. */
  seed?: (db: Db, actor: Actor) => Promise<SeedCounts>;
};
