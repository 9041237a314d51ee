// Configuration comes from the environment only, so the same build runs on a
// laptop (PGlite in ./data) and on many app nodes behind a load balancer.
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_NAMED_STATEMENTS: bool.default(true),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(10),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  SEED_ON_START: bool.default(true),
  PROVINCE_CODE: z
    .string()
    .regex(/^\d{2}$/, 'PROVINCE_CODE is the 2-digit official province code')
    .default('19'),
  STATUS_AT_RISK_GAP: z.coerce.number().min(0).max(100).default(10),
  STATUS_LATE_GAP: z.coerce.number().min(0).max(100).default(25),
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(365).default(7),
  ESCALATION_DAYS_OVERDUE: z.coerce.number().int().min(0).max(365).default(14),
  DAILY_JOB_INTERVAL_MINUTES: z.coerce.number().min(0).default(15),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('QuyHoạch <no-reply@quyhoach.invalid>'),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(500).default(20),
  INDICATOR_ON_TRACK_RATIO: z.coerce.number().positive().max(10).default(0.95),
  INDICATOR_ACCELERATION_RATIO: z.coerce.number().min(0).max(10).default(0.6),
  PERSONAL_DATA_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(1095),
  WEBHOOK_INTERVAL_SECONDS: z.coerce.number().min(0).default(15),
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  OIDC_ISSUER: z.string().url('OIDC_ISSUER must be the identity provider URL').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().default('openid email profile'),
  OIDC_PROVIDER_NAME: z.string().max(100).optional(),
  OPEN_DATA_LICENCE: z.string().min(1).max(200).default('CC-BY-4.0'),
  RESPONSE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** Prepared (named) statements on the server; off behind a pooler that cannot keep them. */
  databaseNamedStatements: boolean;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  sessionTtlHours: number;
  loginRateLimitPerMinute: number;
  loginLockoutThreshold: number;
  loginLockoutMinutes: number;
  seedOnStart: boolean;
  /** Official code of the province this installation serves (Thái Nguyên = 19). */
  provinceCode: string;
  /** Implementation status: expected minus reported progress above this (points) is "at risk". */
  statusAtRiskGap: number;
  /** … and above this it is "late". */
  statusLateGap: number;
  /** Reminder to the lead agency this many days before a task's due date. */
  reminderDaysBefore: number;
  /** Escalation to planners and leaders after a task is this many days overdue. */
  escalationDaysOverdue: number;
  /** How often the server checks whether the daily job is due (0: never, e.g. in tests). */
  dailyJobIntervalMinutes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  uploadMaxMb: number;
  /** Indicator status: pace ratio at or above which a target is on track (Open SDG: 0.95). */
  indicatorOnTrackRatio: number;
  /** Indicator status: pace ratio at or above which it needs acceleration, below it off track (0.6). */
  indicatorAccelerationRatio: number;
  /** Days after which commenters', investors' and followers' contact data is removed; 0 keeps it. */
  personalDataRetentionDays: number;
  /** Licence the publisher grants on its open data (an SPDX id or a name); boundary files keep their own. */
  openDataLicence: string;
  /** Memory for rendered public answers to anonymous readers (0 turns the cache off). */
  responseCacheMb: number;
  /** How often the server sends due webhook deliveries (0: never, e.g. in tests). */
  webhookIntervalSeconds: number;
  /**
   * Let webhooks go to private addresses (loopback, RFC 1918, link-local, CGNAT, fc00::/7…).
   * Off: such targets are refused at registration and at each delivery (DNS checked as it connects).
   */
  webhookAllowPrivate: boolean;
  /** Single sign-on by OpenID Connect (authorization code + PKCE); off unless issuer and client id are set. */
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string | undefined;
    scopes: string;
    providerName: string | undefined;
  } | null;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseNamedStatements: e.DATABASE_NAMED_STATEMENTS,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginLockoutThreshold: e.LOGIN_LOCKOUT_THRESHOLD,
    loginLockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
    seedOnStart: e.SEED_ON_START,
    provinceCode: e.PROVINCE_CODE,
    statusAtRiskGap: e.STATUS_AT_RISK_GAP,
    statusLateGap: Math.max(e.STATUS_LATE_GAP, e.STATUS_AT_RISK_GAP),
    reminderDaysBefore: e.REMINDER_DAYS_BEFORE,
    escalationDaysOverdue: e.ESCALATION_DAYS_OVERDUE,
    dailyJobIntervalMinutes: e.DAILY_JOB_INTERVAL_MINUTES,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    uploadMaxMb: e.UPLOAD_MAX_MB,
    indicatorOnTrackRatio: e.INDICATOR_ON_TRACK_RATIO,
    indicatorAccelerationRatio: e.INDICATOR_ACCELERATION_RATIO,
    personalDataRetentionDays: e.PERSONAL_DATA_RETENTION_DAYS,
    openDataLicence: e.OPEN_DATA_LICENCE,
    responseCacheMb: e.RESPONSE_CACHE_MB,
    webhookIntervalSeconds: e.WEBHOOK_INTERVAL_SECONDS,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            scopes: e.OIDC_SCOPES,
            providerName: e.OIDC_PROVIDER_NAME,
          }
        : null,
    ...overrides,
  };
}
