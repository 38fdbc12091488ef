import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { IdentifierKind } from '@/lib/identifiers/parse';

/**
 * Every setting Sésame reads from the environment, validated once.
 * A wrong value stops start-up with one line per problem rather than failing later on a page.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  // The direct (unpooled) address, for migrations when DATABASE_URL goes through a pooler.
  DATABASE_URL_UNPOOLED: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  // Poolers in transaction mode (pgbouncer, Neon's and Supabase's pooled addresses) cannot keep
  // prepared statements; "false" turns them off (so does ?pgbouncer=true in DATABASE_URL).
  DATABASE_PREPARED_STATEMENTS: bool.optional(),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  // Development features (the generated secret, the local outbox and /dev/outbox) need this switch.
  DEV_TOOLS: bool.default(false),
  // Set by Vercel in its builds and functions.
  VERCEL: z.string().optional(),
  CRON_SECRET: z.string().min(16, 'must be at least 16 characters (try: openssl rand -hex 32)').optional(),
  // One secret or, during a rotation, the new one then the old ones, comma-separated (docs/configuration.md).
  AUTH_SECRET: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((secrets) => secrets.length > 0 && secrets.every((s) => s.length >= 32), {
      error: 'must be at least 32 characters (try: openssl rand -base64 32); during a rotation, the new secret, a comma, then the old one, each as long',
    })
    .optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL, e.g. https://sesame.example.org' }).optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).default('Sésame <no-reply@example.org>'),
  SUPPORT_EMAIL: z.email().default('support@example.org'),
  ORG_NAME: z.string().min(1).max(80).default('Sésame'),
  IDENTIFIER_KINDS: z
    .string()
    .default('licence,client')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['licence', 'client'], 'only "licence" and "client" are allowed')).min(1)),
  RESET_MATCH: z.enum(['either', 'both']).default('either'),
  RESET_TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(72).default(8),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(12),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  // Password checks waiting for a hashing thread, per process, before sign-ins are told to come back.
  HASH_QUEUE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(64),
  // …and the longest a password check may expect to wait for one (from the recent checks' times).
  HASH_QUEUE_MAX_WAIT_SECONDS: z.coerce.number().min(0.1).max(600).default(5),
  // Acknowledgements of account-opening requests: per destination address per day, and in all per day.
  ACCOUNT_REQUEST_ACKS_PER_ADDRESS_PER_DAY: z.coerce.number().int().min(0).max(1_000).default(3),
  ACCOUNT_REQUEST_ACKS_PER_DAY: z.coerce.number().int().min(0).max(1_000_000).default(200),
  PASSWORD_CHECKS_PER_IDENTIFIER: z.coerce.number().int().min(5).max(100_000).default(30),
  // Days the daily purge keeps (lib/retention/purge.ts).
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  SESSION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  EMAIL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  ACCOUNT_REQUEST_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  // How many proxies in front of Sésame append to X-Forwarded-For: "true" is one (nginx, Vercel).
  TRUST_PROXY: z
    .union([bool.transform((on) => (on ? 1 : 0)), z.coerce.number().int().min(0).max(5)], {
      error: 'must be true, false, or the number of proxies in front of Sésame (0 to 5)',
    })
    .default(0),
});

export type Config = {
  production: boolean;
  /** DEV_TOOLS=1: the generated secret, the local outbox and /dev/outbox (never in production). */
  devTools: boolean;
  /** Running on Vercel (VERCEL=1). */
  vercel: boolean;
  databaseUrl?: string;
  /** Where migrations run: DATABASE_URL_UNPOOLED, else DATABASE_URL. */
  migrationUrl?: string;
  /** False behind a pooler in transaction mode (DATABASE_PREPARED_STATEMENTS=false or ?pgbouncer=true). */
  preparedStatements: boolean;
  pgliteDir: string;
  /** The newest secret: it signs session tokens and seals what is kept at rest. */
  authSecret: string;
  /** Every secret AUTH_SECRET lists, the newest first: the older ones still open what they sealed (a rotation). */
  authSecrets: string[];
  appUrl: string;
  resendApiKey?: string;
  resendBaseUrl?: string;
  mailFrom: string;
  supportEmail: string;
  orgName: string;
  identifierKinds: IdentifierKind[];
  resetMatch: 'either' | 'both';
  resetTokenTtlHours: number;
  passwordMinLength: number;
  bcryptCost: number;
  hashQueueLimit: number;
  hashQueueMaxWaitMs: number;
  /** Proxies whose X-Forwarded-For entries are believed (0: the connecting address is the client). */
  trustedProxies: number;
  /** Days kept by the daily purge (lib/retention/purge.ts). */
  retention: { auditDays: number; sessionDays: number; emailDays: number; accountRequestDays: number };
  /** Account-request acknowledgements sent to one address per day, and to everyone per day. */
  requestAcks: { perAddressPerDay: number; perDay: number };
  /** Passwords checked per identifier per 15 minutes, right ones included (lib/throttles/policies.ts). */
  passwordChecksPerIdentifier: number;
};

export class ConfigError extends Error {
  constructor(public problems: string[]) {
    super(`Sésame cannot start, the configuration has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/** Development keeps its own secret in the data folder so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The folder that holds the embedded database, where development also keeps its secret. The
 * comment keeps the build's file tracer from copying the whole folder (databases, secret) into
 * every deployed function: next.config.ts's exclusions reach routes, not instrumentation or the proxy.
 */
const dataDirOf = (pgliteDir: string) =>
  pgliteDir.startsWith('memory://') ? path.resolve(/* turbopackIgnore: true */ '.data') : path.dirname(path.resolve(pgliteDir));

/** `?pgbouncer=true` (Prisma's and Supabase's spelling) marks a pooler in transaction mode. */
function saysPgbouncer(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).searchParams.get('pgbouncer') === 'true';
  } catch {
    return false;
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings are how shells and dashboards say "unset".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = result.data;
  const production = e.NODE_ENV === 'production';
  const vercel = Boolean(e.VERCEL) && e.VERCEL !== '0';
  const problems: string[] = [];
  if (production && e.DEV_TOOLS) problems.push('DEV_TOOLS: refused in production; it would publish every queued email at /dev/outbox');
  if (!e.AUTH_SECRET && (production || !e.DEV_TOOLS)) {
    problems.push(
      production
        ? 'AUTH_SECRET: required in production (try: openssl rand -base64 32)'
        : 'AUTH_SECRET: required (try: openssl rand -base64 32), or DEV_TOOLS=1 on a development machine for a generated one',
    );
  }
  if (production && !e.APP_URL) problems.push('APP_URL: required in production; email links are built from it');
  if (production && !e.RESEND_API_KEY) {
    problems.push('RESEND_API_KEY: required in production; without it no reset or first-connection email could be sent');
  } else if (!e.RESEND_API_KEY && !e.DEV_TOOLS) {
    problems.push('RESEND_API_KEY: required, or DEV_TOOLS=1 on a development machine for the local outbox (emails printed and listed at /dev/outbox)');
  }
  if (vercel && !e.DATABASE_URL) problems.push('DATABASE_URL: required on Vercel; the embedded database cannot live on its read-only, per-instance disk');
  if (vercel && !e.CRON_SECRET) problems.push('CRON_SECRET: required on Vercel; without it the cron route answers 404 and failed emails are never retried');
  if (problems.length) throw new ConfigError(problems);
  const authSecrets = e.AUTH_SECRET ?? [developmentSecret(dataDirOf(e.PGLITE_DIR))];

  return {
    production,
    devTools: e.DEV_TOOLS,
    vercel,
    databaseUrl: e.DATABASE_URL,
    migrationUrl: e.DATABASE_URL_UNPOOLED ?? e.DATABASE_URL,
    preparedStatements: e.DATABASE_PREPARED_STATEMENTS ?? !saysPgbouncer(e.DATABASE_URL),
    pgliteDir: e.PGLITE_DIR,
    authSecret: authSecrets[0],
    authSecrets,
    appUrl: (e.APP_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    mailFrom: e.MAIL_FROM,
    supportEmail: e.SUPPORT_EMAIL,
    orgName: e.ORG_NAME,
    identifierKinds: e.IDENTIFIER_KINDS,
    resetMatch: e.RESET_MATCH,
    resetTokenTtlHours: e.RESET_TOKEN_TTL_HOURS,
    passwordMinLength: e.PASSWORD_MIN_LENGTH,
    bcryptCost: e.BCRYPT_COST,
    hashQueueLimit: e.HASH_QUEUE_LIMIT,
    hashQueueMaxWaitMs: e.HASH_QUEUE_MAX_WAIT_SECONDS * 1000,
    trustedProxies: e.TRUST_PROXY,
    retention: {
      auditDays: e.AUDIT_RETENTION_DAYS,
      sessionDays: e.SESSION_RETENTION_DAYS,
      emailDays: e.EMAIL_RETENTION_DAYS,
      accountRequestDays: e.ACCOUNT_REQUEST_RETENTION_DAYS,
    },
    requestAcks: { perAddressPerDay: e.ACCOUNT_REQUEST_ACKS_PER_ADDRESS_PER_DAY, perDay: e.ACCOUNT_REQUEST_ACKS_PER_DAY },
    passwordChecksPerIdentifier: e.PASSWORD_CHECKS_PER_IDENTIFIER,
  };
}

let cached: Config | undefined;

/** The validated configuration of this process, read on first use (never at build time). */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
