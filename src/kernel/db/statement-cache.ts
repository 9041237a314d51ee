// Named (prepared) statements for the PostgreSQL server: each distinct query text with
// parameters gets a name, so every pooled connection parses and plans it once and then only
// binds and runs it. On a small server the parsing and planning of a short query cost more
// than running it (a signed-in task summary: 1,590 → 2,440 req/s when only the token lookup
// was prepared). PGlite runs in the process and is not concerned.
import pg from 'pg';

/** Distinct texts named at most: beyond, queries go unnamed (each connection keeps a plan per name). */
export const MAX_NAMED_STATEMENTS = 1_000;

const names = new Map<string, string>();

/** The statement name for a query text, the same on every connection; undefined once the names are used up. */
export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
    name = `qh_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

type QueryConfigLike = { text?: unknown; name?: unknown; values?: unknown[] };

/** One SELECT (or WITH) statement: safe to prepare even without parameters. */
export function isSingleRead(text: string): boolean {
  return /^\s*(select|with)\b/i.test(text) && !text.includes(';');
}

/**
 * A pg client that names the queries it is given with parameters, and single reads without
 * them (a page's list of plans was planned anew on every request). Other queries without
 * parameters (several statements, DDL, migrations) go as they are: the simple protocol runs them.
 */
export class NamingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [config, values] = args as [unknown, unknown];
    const c: QueryConfigLike | null =
      typeof config === 'string'
        ? { text: config }
        : config && typeof config === 'object' && !('submit' in config)
          ? (config as QueryConfigLike)
          : null;
    const params = Array.isArray(values) ? values : c?.values;
    if (
      c &&
      !c.name &&
      typeof c.text === 'string' &&
      ((params && params.length > 0) || isSingleRead(c.text))
    ) {
      const name = statementName(c.text);
      if (name) args[0] = { ...c, name };
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
