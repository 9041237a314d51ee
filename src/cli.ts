// The `quyhoach` command: serve, migrate, seed, users, tokens, backup, restore.
import { Command, Option } from 'commander';
import { type Config, ConfigError, loadConfig } from './kernel/config/index.ts';
import { backupDatabase, restoreDatabase } from './kernel/db/backup.ts';
import { type Database, openConfiguredDatabase } from './kernel/db/engine.ts';
import { DataDirLockedError } from './kernel/db/lock.ts';
import type { Actor } from './kernel/http/context.ts';
import { AppError } from './kernel/http/errors.ts';
import { registerMessages, translate } from './kernel/i18n/index.ts';
import { createApiToken } from './modules/accounts/api-tokens.ts';
import { accountsMessages } from './modules/accounts/messages.ts';
import { ROLES, type Role, TOKEN_SCOPES, type TokenScope } from './modules/accounts/schema.ts';
import { newPassword } from './modules/accounts/schemas.ts';
import { createUser, findUserByEmail, listUsers, resetPassword } from './modules/accounts/users.ts';
import { verifyAuditChain } from './modules/audit/chain.ts';
import { seedAll } from './seed.ts';
import { startServer } from './server.ts';

registerMessages(accountsMessages);

type DbFlags = { data?: string; databaseUrl?: string };

function configFrom(flags: DbFlags & { port?: string; host?: string }): Config {
  const overrides: Partial<Config> = {};
  const env = { ...process.env };
  if (flags.data) env.DATA_DIR = flags.data;
  if (flags.databaseUrl) env.DATABASE_URL = flags.databaseUrl;
  if (flags.port) env.PORT = flags.port;
  if (flags.host) env.HOST = flags.host;
  return loadConfig(env, overrides);
}

const cliActor = (): Actor => ({ userId: null, label: `cli:${process.env.USER ?? 'operator'}`, via: 'cli' });

async function withDatabase<T>(
  flags: DbFlags,
  fn: (database: Database) => Promise<T>,
  migrate = true,
): Promise<T> {
  const database = await openConfiguredDatabase(configFrom(flags));
  try {
    if (migrate) await database.migrate();
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const dbOptions = (cmd: Command) =>
  cmd
    .option('--data <dir>', 'PGlite data folder (env DATA_DIR, default ./data)')
    .option('--database-url <url>', 'PostgreSQL server URL (env DATABASE_URL); overrides --data');

const program = new Command('quyhoach')
  .description('QuyHoạch — provincial master plan platform')
  .showHelpAfterError();

dbOptions(
  program
    .command('serve')
    .description(
      'Serve the product (pages, API, assets); creates, migrates and seeds the database when needed',
    )
    .option('--port <port>', 'port (env PORT, default 3000)')
    .option('--host <host>', 'interface (env HOST, default 0.0.0.0)'),
).action(async (flags: DbFlags & { port?: string; host?: string }) => {
  const server = await startServer(configFrom(flags));
  console.log(`QuyHoạch is serving ${server.database.location} at ${server.url}`);
  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down…`);
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
});

dbOptions(program.command('migrate').description('Apply database migrations (safe to run again)')).action(
  async (flags: DbFlags) => {
    await withDatabase(flags, async (d) => console.log(`Migrations applied to ${d.location}.`));
  },
);

dbOptions(program.command('seed').description('Load the built-in Thái Nguyên dataset (idempotent)')).action(
  async (flags: DbFlags) => {
    await withDatabase(flags, async (d) => {
      const counts = await seedAll(d.db, { ...cliActor(), label: `${cliActor().label} seed` });
      for (const [k, v] of Object.entries(counts)) console.log(`${k.padEnd(28)} ${v}`);
    });
  },
);

const user = program.command('user').description('Manage user accounts');
dbOptions(
  user
    .command('add')
    .description('Create a user; prints a one-time password unless --password-stdin is given')
    .requiredOption('--email <email>')
    .addOption(new Option('--role <role>').choices([...ROLES]).makeOptionMandatory())
    .option('--name <name>', 'display name (default: the email)')
    .option('--agency <id>', 'agency id (required for agency_editor and agency_viewer)')
    .option('--password-stdin', 'read the password from standard input'),
).action(
  async (
    flags: DbFlags & { email: string; role: Role; name?: string; agency?: string; passwordStdin?: boolean },
  ) => {
    let password: string | undefined;
    if (flags.passwordStdin) {
      password = await readStdin();
      const check = newPassword.safeParse(password);
      if (!check.success) throw new AppError(400, 'bad_request', check.error.issues[0]!.message);
    }
    await withDatabase(flags, async (d) => {
      const r = await createUser(d.db, cliActor(), {
        email: flags.email.trim().toLowerCase(),
        displayName: flags.name ?? flags.email,
        role: flags.role,
        agencyId: flags.agency ? Number(flags.agency) : undefined,
        password,
      });
      console.log(`Created user ${r.user.email} (id ${r.user.id}, role ${r.user.role}).`);
      if (r.oneTimePassword) {
        console.log(`One-time password: ${r.oneTimePassword}`);
        console.log('The user must change it at first sign-in. It is not shown again.');
      }
    });
  },
);

dbOptions(user.command('list').description('List user accounts')).action(async (flags: DbFlags) => {
  await withDatabase(flags, async (d) => {
    for (const { user: u, agencyName } of await listUsers(d.db)) {
      console.log([u.id, u.email, u.role, agencyName ?? '-', u.active ? 'active' : 'inactive'].join('\t'));
    }
  });
});

dbOptions(
  user
    .command('reset-password')
    .description('Give a user a new one-time password (or read one with --password-stdin)')
    .requiredOption('--email <email>')
    .option('--password-stdin', 'read the new password from standard input'),
).action(async (flags: DbFlags & { email: string; passwordStdin?: boolean }) => {
  const password = flags.passwordStdin ? await readStdin() : undefined;
  await withDatabase(flags, async (d) => {
    const u = await findUserByEmail(d.db, flags.email);
    if (!u) throw new AppError(404, 'not_found', `No user with email ${flags.email}`);
    const r = await resetPassword(d.db, cliActor(), u.id, password);
    console.log(`Password reset for ${r.user.email}.`);
    if (r.oneTimePassword) console.log(`One-time password: ${r.oneTimePassword}`);
  });
});

const token = program.command('token').description('Manage API tokens');
dbOptions(
  token
    .command('create')
    .description('Create an API token for a user and print it once')
    .requiredOption('--user <email>')
    .requiredOption('--name <name>')
    .option('--scope <scopes>', `comma-separated: ${TOKEN_SCOPES.join(',')}`, 'read'),
).action(async (flags: DbFlags & { user: string; name: string; scope: string }) => {
  const scopes = flags.scope.split(',').map((s) => s.trim()) as TokenScope[];
  if (scopes.some((s) => !TOKEN_SCOPES.includes(s))) {
    throw new AppError(400, 'bad_request', `Scopes must be among: ${TOKEN_SCOPES.join(', ')}`);
  }
  await withDatabase(flags, async (d) => {
    const u = await findUserByEmail(d.db, flags.user);
    if (!u) throw new AppError(404, 'not_found', `No user with email ${flags.user}`);
    const r = await createApiToken(d.db, cliActor(), { userId: u.id, name: flags.name, scopes });
    console.log(r.secret);
  });
});

dbOptions(
  program
    .command('backup')
    .description('Write a consistent backup of the database to FILE')
    .argument('<file>'),
).action(async (file: string, flags: DbFlags) => {
  await withDatabase(flags, async (d) => {
    const summary = await backupDatabase(d, file);
    console.log(`Backup written to ${file}: ${JSON.stringify(summary)}`);
  });
});

dbOptions(
  program
    .command('restore')
    .description('Restore FILE into the database (refuses a non-empty database without --force)')
    .argument('<file>')
    .option('--force', 'replace the contents of a non-empty database'),
).action(async (file: string, flags: DbFlags & { force?: boolean }) => {
  await withDatabase(
    flags,
    async (d) => {
      const summary = await restoreDatabase(d, file, { force: flags.force });
      console.log(`Restored ${file}: ${JSON.stringify(summary)}`);
    },
    false,
  );
});

const audit = program.command('audit').description('The audit log');
dbOptions(
  audit.command('verify').description('Check the hash chain of the audit log; names the first broken row'),
).action(async (flags: DbFlags) => {
  await withDatabase(flags, async (d) => {
    const result = await verifyAuditChain(d.db);
    if (result.ok) {
      console.log(`Audit log intact: ${result.rows} rows, every hash and link matches.`);
      return;
    }
    const what =
      result.reason === 'content_changed'
        ? 'its content was changed'
        : 'the row before it is missing or changed';
    console.error(`Audit log broken at row ${result.brokenAt}: ${what}. Rows before it are intact.`);
    process.exitCode = 2;
  });
});

program.parseAsync().catch((err: unknown) => {
  if (err instanceof AppError) {
    const fields = err.fields.map((f) => `  ${f.field}: ${translate('en', f.message)}`).join('\n');
    console.error(`Error: ${translate('en', err.messageKey, err.params)}${fields ? `\n${fields}` : ''}`);
  } else if (err instanceof DataDirLockedError || err instanceof ConfigError) {
    console.error(`Error: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
