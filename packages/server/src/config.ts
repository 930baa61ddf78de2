import path from 'node:path'

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number
  host: string
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined
  /**
   * HUOMA_MIGRATION_DATABASE_URL: the owner's connection, used only to apply migrations (at start and by `db migrate`)
   * and to grant the application role of DATABASE_URL its rights; absent = DATABASE_URL does everything.
   */
  migrationDatabaseUrl: string | undefined
  /** Folder holding the embedded database, its lock file and local files. */
  dataDir: string
  demoPassword: string
  /** Whether the default demo password is in use (printed at start so people can log in). */
  demoPasswordIsDefault: boolean
  /** Folder of the built web app served on the same port; absent when not built. */
  webDist: string | undefined
  logLevel: string
  /**
   * `json` (the default, and always with NODE_ENV=production): one JSON object a line, for log collectors. `text`:
   * readable lines for a person at a terminal (`npm start` chooses it in development). LOG_FORMAT.
   */
  logFormat: 'json' | 'text'
  /** Maximum request body in bytes. */
  bodyLimit: number
  /** Use secure cookies (HTTPS in front). */
  secureCookies: boolean
  pgPoolSize: number
  /** HUOMA_PG_POOL_MIN: connections kept open however long they idle (default 2). */
  pgPoolMin: number
  /** HUOMA_PG_IDLE_TIMEOUT_MS: how long a connection above the minimum may idle (default 300 000, 5 min). */
  pgIdleTimeoutMs: number
  /** HUOMA_PG_JIT=on: PostgreSQL's JIT compilation for the server's sessions (default off). */
  pgJit: boolean
  /** HUOMA_PG_NAMED_STATEMENTS: parameterised statements prepared by name on each connection (default on; `off` turns it off). */
  pgNamedStatements: boolean
  /**
   * Every API response checked against its route's schema before it is sent (HUOMA_RESPONSE_VALIDATION=on|off;
   * default on, off with NODE_ENV=production): development and every API test catch a response that breaks its
   * contract; production relies on the serializer, which writes only the fields the schema declares.
   */
  responseValidation: boolean
  /** How long a session and its principal may be served from this process's cache (HUOMA_ACCESS_CACHE_MS, 30 000; 0: off). */
  accessCacheMs: number
  /**
   * HUOMA_SECRET_KEY: 32 bytes (base64 or 64 hex digits) that encrypt secrets at rest (TOTP keys). When absent,
   * a key file `secret.key` (mode 600) is generated in the data folder; see access/mfa.ts.
   */
  secretKey: string | undefined
  /**
   * HUOMA_WORKING_DAY_MODE: how statutory working-day deadlines are counted — `strict` (default: Christmas Eve and
   * Midsummer Eve are working days, THL's handbook) or `administrative` (the eves are not, offices being closed).
   */
  workingDayMode: 'strict' | 'administrative'
  /** A client card older than this many days since the last population-register check is refreshed on open. */
  vtjRefreshDays: number
  attachments: AttachmentSettings
  security: SecuritySettings
  /** Single sign-on through OpenID Connect; undefined when HUOMA_OIDC_ISSUER is not set. */
  oidc: OidcSettings | undefined
  /** The organisation's account that benefits are paid from (the debtor of the pain.001 files). */
  debtor: DebtorSettings
  /** Scheduled jobs (kernel/jobs): which this process runs, and when the daily ones run. */
  jobs: JobSettings
  /** The audit log's anchor outside the database: the key that signs each seal round's head, and the witness. */
  audit: AuditAnchorSettings
  /** HUOMA_KELA_UNIT: code of the unit whose queue receives the applications Kela forwards (absent: the unit with most benefit handlers). */
  kelaUnitCode: string | undefined
  /** HUOMA_CHILD_WELFARE_UNIT: code of the unit whose intake queue receives the public e-form's child welfare notifications (absent: the unit with most child welfare social workers). */
  childWelfareUnitCode: string | undefined
  /** HUOMA_PUBLIC_FORM_RATE_LIMIT: notifications one address may send through the public e-form per hour (default 10). */
  publicFormRateLimitPerHour: number
}

/** HUOMA_AUDIT_*: where the audit chain is anchored outside the database (access/audit-anchor.ts). */
export interface AuditAnchorSettings {
  /**
   * HUOMA_AUDIT_SIGNING_KEY_FILE: the Ed25519 private key (PEM, PKCS#8) that signs every seal round's head. Absent:
   * `<data dir>/audit-signing.key`, created with mode 600 on first start (beside the embedded database, never in it).
   */
  signingKeyFile: string
  /** Whether signingKeyFile is the default (created when missing) rather than a file the operator named. */
  signingKeyIsDefault: boolean
  /**
   * HUOMA_AUDIT_PUBLIC_KEY_FILE: the public key(s) (PEM; several blocks after a key change) `audit verify` checks
   * the signatures with; absent = derived from the signing key file.
   */
  publicKeyFile: string | undefined
  /** HUOMA_AUDIT_WITNESS_FILE: the append-only file of signed heads (JSON lines); default `<data dir>/audit-witness.jsonl`. */
  witnessFile: string
  /** HUOMA_AUDIT_WITNESS_SYSLOG=1: every signed head also goes to syslog (the `logger` command, facility authpriv). */
  witnessSyslog: boolean
}

/** HUOMA_JOBS*: the scheduled jobs of this process (src/jobs.ts lists them). */
export interface JobSettings {
  /**
   * HUOMA_JOBS: `all` (default), `none`, or a comma-separated list of job names — the jobs this process runs on
   * their schedule. With several servers each may run all of them (a run is claimed once); a main user can still
   * run any job by hand.
   */
  run: 'all' | 'none' | string[]
  /** HUOMA_JOBS_POLL_MS (default 1000): how often the job table is read for due runs. */
  pollMs: number
  /** HUOMA_VTJ_SYNC_AT (default `02:30`): the nightly population-register sync, Helsinki time. */
  vtjSyncAt: string
  /** HUOMA_KELA_IMPORT_AT (default `07:00`): the import of Kela's forwarded applications on working days, Helsinki time. */
  kelaImportAt: string
  /** HUOMA_DEADLINE_ROUND_AT (default `06:00`): the daily round of statutory deadlines (missed days, reminders). */
  deadlineRoundAt: string
  /** HUOMA_DEADLINE_REMINDER_DAYS (default 2): how many working days before a due date the worker is reminded. */
  deadlineReminderDays: number
}

/** HUOMA_DEBTOR_*: the paying organisation in the bank files (defaults: the demo municipality Demola). */
export interface DebtorSettings {
  /** HUOMA_DEBTOR_NAME (default `Demolan kaupunki`) */
  name: string
  /** HUOMA_DEBTOR_IBAN (default the ECBS example account FI2112345600000785) */
  iban: string
  /** HUOMA_DEBTOR_BIC; absent = derived from the IBAN's bank code */
  bic: string | undefined
  /** HUOMA_DEBTOR_ORG_ID: the service id the bank gave (usually the Y-tunnus), written as InitgPty/Dbtr Id; absent = none */
  organisationId: string | undefined
}

/** OpenID Connect sign-in (modules/auth/oidc.ts): authorization code + PKCE against one identity provider. */
export interface OidcSettings {
  /** HUOMA_OIDC_ISSUER: the issuer URL (its /.well-known/openid-configuration is read). */
  issuer: string
  /** HUOMA_OIDC_CLIENT_ID */
  clientId: string
  /** HUOMA_OIDC_CLIENT_SECRET; absent = a public client (PKCE only). */
  clientSecret: string | undefined
  /** HUOMA_OIDC_REDIRECT_URI; absent = `<scheme>://<host of the request>/api/auth/oidc/callback`. */
  redirectUri: string | undefined
  /** HUOMA_OIDC_USERNAME_CLAIM (default `preferred_username`): the claim matched to staff_user.username on first sign-in. */
  usernameClaim: string
  /** HUOMA_OIDC_SCOPE (default `openid profile`). */
  scope: string
  /** HUOMA_OIDC_LABEL: the text of the sign-in button (default: the translated "sign in with the organisation's account"). */
  label: string | undefined
}

/** Attachment settings: the largest accepted file and where the content is kept. */
export interface AttachmentSettings {
  /** HUOMA_ATTACHMENT_MAX_BYTES, default 20 MiB. */
  maxBytes: number
  /** HUOMA_ATTACHMENT_STORE: `database` (bytea, default) or `folder` (files under `<data dir>/attachments`). */
  store: 'database' | 'folder'
  /** The folder of the `folder` store. */
  folder: string
}

/** Security settings (issue: identity and access); each can be set by an environment variable. */
export interface SecuritySettings {
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
  lockoutThreshold: number
  lockoutMinutes: number
  passwordMaxAgeDays: number
  passwordMinLength: number
  /** HUOMA_PASSWORD_HISTORY (default 5): how many earlier passwords a user may not change back to (0: none). */
  passwordHistory: number
  breakGlassHours: number
  /** Accesses drawn per random sample for the data protection officer's review (HUOMA_AUDIT_SAMPLE_SIZE). */
  auditSampleSize: number
  /** The sample is drawn from this many most recent days of the audit log (HUOMA_AUDIT_SAMPLE_WINDOW_DAYS). */
  auditSampleWindowDays: number
  /** How often the server seals newly written audit rows into the hash chain (HUOMA_AUDIT_SEAL_INTERVAL_MS). */
  auditSealIntervalMs: number
  loginRateLimitPerMinute: number
}

export const DEFAULT_DEMO_PASSWORD = 'Demola-2026!'

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  return n
}

function oidcFromEnv(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const issuer = env.HUOMA_OIDC_ISSUER
  if (!issuer) return undefined
  if (!env.HUOMA_OIDC_CLIENT_ID) throw new Error('HUOMA_OIDC_ISSUER is set but HUOMA_OIDC_CLIENT_ID is not')
  return {
    issuer,
    clientId: env.HUOMA_OIDC_CLIENT_ID,
    clientSecret: env.HUOMA_OIDC_CLIENT_SECRET || undefined,
    redirectUri: env.HUOMA_OIDC_REDIRECT_URI || undefined,
    usernameClaim: env.HUOMA_OIDC_USERNAME_CLAIM || 'preferred_username',
    scope: env.HUOMA_OIDC_SCOPE || 'openid profile',
    label: env.HUOMA_OIDC_LABEL || undefined,
  }
}

function workingDayMode(env: NodeJS.ProcessEnv): 'strict' | 'administrative' {
  const raw = env.HUOMA_WORKING_DAY_MODE || 'strict'
  if (raw !== 'strict' && raw !== 'administrative') throw new Error(`HUOMA_WORKING_DAY_MODE must be "strict" or "administrative", got "${raw}"`)
  return raw
}

function attachmentStore(env: NodeJS.ProcessEnv): 'database' | 'folder' {
  const raw = env.HUOMA_ATTACHMENT_STORE || 'database'
  if (raw !== 'database' && raw !== 'folder') throw new Error(`HUOMA_ATTACHMENT_STORE must be "database" or "folder", got "${raw}"`)
  return raw
}

function timeOfDay(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(raw)) throw new Error(`${name} must be a time of day HH:MM (Helsinki time), got "${raw}"`)
  return raw
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase()
  if (raw === '' || raw === '0' || raw === 'false') return false
  if (raw === '1' || raw === 'true') return true
  throw new Error(`${name} must be 1 or 0 (true or false), got "${env[name]}"`)
}

function auditAnchor(env: NodeJS.ProcessEnv, dataDir: string): AuditAnchorSettings {
  const file = (name: string) => (env[name]?.trim() ? path.resolve(env[name].trim()) : undefined)
  const signingKeyFile = file('HUOMA_AUDIT_SIGNING_KEY_FILE')
  return {
    signingKeyFile: signingKeyFile ?? path.join(dataDir, 'audit-signing.key'),
    signingKeyIsDefault: signingKeyFile === undefined,
    publicKeyFile: file('HUOMA_AUDIT_PUBLIC_KEY_FILE'),
    witnessFile: file('HUOMA_AUDIT_WITNESS_FILE') ?? path.join(dataDir, 'audit-witness.jsonl'),
    witnessSyslog: flag(env, 'HUOMA_AUDIT_WITNESS_SYSLOG'),
  }
}

function migrationUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.HUOMA_MIGRATION_DATABASE_URL || undefined
  if (url && !env.DATABASE_URL) {
    throw new Error('HUOMA_MIGRATION_DATABASE_URL is set but DATABASE_URL is not: the owner\'s connection is for PostgreSQL, next to the application role\'s DATABASE_URL')
  }
  return url
}

function jobsToRun(env: NodeJS.ProcessEnv): JobSettings['run'] {
  const raw = (env.HUOMA_JOBS ?? '').trim()
  if (raw === '' || raw === 'all') return 'all'
  if (raw === 'none') return 'none'
  return raw.split(',').map((s) => s.trim()).filter(Boolean)
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const repoRoot = path.resolve(import.meta.dirname, '../../..')
  const demoPassword = env.HUOMA_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD
  const dataDir = path.resolve(env.HUOMA_DATA_DIR || path.join(process.cwd(), 'data'))
  return {
    port: intFromEnv(env, 'PORT', 8080),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: migrationUrl(env),
    dataDir,
    audit: auditAnchor(env, dataDir),
    demoPassword,
    demoPasswordIsDefault: !env.HUOMA_DEMO_PASSWORD,
    webDist: env.HUOMA_WEB_DIST === '' ? undefined : path.resolve(env.HUOMA_WEB_DIST || path.join(repoRoot, 'packages/web/dist')),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    logFormat: env.NODE_ENV !== 'production' && env.LOG_FORMAT === 'text' ? 'text' : 'json',
    bodyLimit: intFromEnv(env, 'HUOMA_BODY_LIMIT', 1024 * 1024),
    secureCookies: env.HUOMA_SECURE_COOKIES === 'true',
    pgPoolSize: intFromEnv(env, 'HUOMA_PG_POOL_SIZE', 10),
    pgPoolMin: intFromEnv(env, 'HUOMA_PG_POOL_MIN', 2),
    pgIdleTimeoutMs: intFromEnv(env, 'HUOMA_PG_IDLE_TIMEOUT_MS', 300_000),
    pgJit: env.HUOMA_PG_JIT === 'on',
    pgNamedStatements: env.HUOMA_PG_NAMED_STATEMENTS !== 'off',
    responseValidation: env.HUOMA_RESPONSE_VALIDATION ? env.HUOMA_RESPONSE_VALIDATION !== 'off' : env.NODE_ENV !== 'production',
    accessCacheMs: Math.min(intFromEnv(env, 'HUOMA_ACCESS_CACHE_MS', 30_000), 300_000),
    vtjRefreshDays: intFromEnv(env, 'HUOMA_VTJ_REFRESH_DAYS', 7),
    workingDayMode: workingDayMode(env),
    kelaUnitCode: env.HUOMA_KELA_UNIT?.trim() || undefined,
    childWelfareUnitCode: env.HUOMA_CHILD_WELFARE_UNIT?.trim() || undefined,
    publicFormRateLimitPerHour: intFromEnv(env, 'HUOMA_PUBLIC_FORM_RATE_LIMIT', 10),
    debtor: {
      name: env.HUOMA_DEBTOR_NAME || 'Demolan kaupunki',
      iban: (env.HUOMA_DEBTOR_IBAN || 'FI2112345600000785').replace(/\s+/g, '').toUpperCase(),
      bic: env.HUOMA_DEBTOR_BIC || undefined,
      organisationId: env.HUOMA_DEBTOR_ORG_ID || undefined,
    },
    secretKey: env.HUOMA_SECRET_KEY || undefined,
    attachments: {
      maxBytes: intFromEnv(env, 'HUOMA_ATTACHMENT_MAX_BYTES', 20 * 1024 * 1024),
      store: attachmentStore(env),
      folder: path.join(dataDir, 'attachments'),
    },
    security: {
      sessionIdleMinutes: intFromEnv(env, 'HUOMA_SESSION_IDLE_MINUTES', 30),
      sessionAbsoluteHours: intFromEnv(env, 'HUOMA_SESSION_ABSOLUTE_HOURS', 12),
      lockoutThreshold: intFromEnv(env, 'HUOMA_LOCKOUT_THRESHOLD', 5),
      lockoutMinutes: intFromEnv(env, 'HUOMA_LOCKOUT_MINUTES', 15),
      passwordMaxAgeDays: intFromEnv(env, 'HUOMA_PASSWORD_MAX_AGE_DAYS', 180),
      passwordMinLength: intFromEnv(env, 'HUOMA_PASSWORD_MIN_LENGTH', 12),
      passwordHistory: intFromEnv(env, 'HUOMA_PASSWORD_HISTORY', 5),
      breakGlassHours: intFromEnv(env, 'HUOMA_BREAK_GLASS_HOURS', 24),
      auditSampleSize: intFromEnv(env, 'HUOMA_AUDIT_SAMPLE_SIZE', 20),
      auditSampleWindowDays: intFromEnv(env, 'HUOMA_AUDIT_SAMPLE_WINDOW_DAYS', 30),
      auditSealIntervalMs: intFromEnv(env, 'HUOMA_AUDIT_SEAL_INTERVAL_MS', 200),
      loginRateLimitPerMinute: intFromEnv(env, 'HUOMA_LOGIN_RATE_LIMIT', 20),
    },
    oidc: oidcFromEnv(env),
    jobs: {
      run: jobsToRun(env),
      pollMs: Math.max(intFromEnv(env, 'HUOMA_JOBS_POLL_MS', 1000), 5),
      vtjSyncAt: timeOfDay(env, 'HUOMA_VTJ_SYNC_AT', '02:30'),
      kelaImportAt: timeOfDay(env, 'HUOMA_KELA_IMPORT_AT', '07:00'),
      deadlineRoundAt: timeOfDay(env, 'HUOMA_DEADLINE_ROUND_AT', '06:00'),
      deadlineReminderDays: intFromEnv(env, 'HUOMA_DEADLINE_REMINDER_DAYS', 2),
    },
  }
}
