export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type NodeEnv = 'development' | 'production' | 'test';

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  /** Absent: the process starts an embedded PostgreSQL (see infra/embedded-postgres). */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** How long a request waits for a free pooled connection before it is answered 503 BUSY. */
  databasePoolWaitMs: number;
  embeddedPostgresDir: string;
  /** Absent: 127.0.0.1:6379 if it answers, else a redis-server started on a free port. */
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  /** Absent outside production: a random secret kept in `.data/jwt-secret`. Signs local HS256 tokens only. */
  jwtSecret: string | undefined;
  /**
   * Local HS256 tokens (`npm run token`, demo sign-in, tests) are accepted: never in production, where every
   * token comes from the OpenID Provider.
   */
  localTokens: boolean;
  /** The OpenID Provider people and machine clients sign in with; absent: no provider (development only). */
  oidc: OidcConfig | undefined;
  publicBaseUrl: string;
  logLevel: LogLevel;
  demoData: boolean;
  demoSeed: number;
  demoScale: number;
  /**
   * Demo sign-in: `POST /api/demo/token` hands out tokens for demo people (up to central-coordinator). On by
   * default only outside production and on a loopback listen address; refused in production.
   */
  demoMode: boolean;
  runWorkers: boolean;
  writeRateLimitPerMinute: number;
  shutdownTimeoutMs: number;
  /** Capacity plans kept per query, audience and inputs version; 0 computes every request. */
  capacityPlanCacheEntries: number;
  /** Capacity plan computations running at once per process; further requests wait for theirs. */
  capacityPlanConcurrency: number;
  /** How often kept capacity plans look for changed inputs and are computed again in the background; 0: never. */
  capacityPlanRefreshSeconds: number;
  /**
   * How old a kept plan may be to answer while the plan of newer inputs is computed (stale while revalidating); 0:
   * every answer reflects the inputs as committed before the request.
   */
  capacityPlanMaxStaleSeconds: number;
  /** Bearer token for `GET /metrics` on the API port; absent: /metrics is not served there. */
  metricsToken: string | undefined;
  /** A separate metrics listener (API and worker processes); absent: none. */
  metricsPort: number | undefined;
  metricsHost: string;
  messaging: MessagingConfig;
}

/** Outgoing messages: a channel without its settings is off (messages are still decided, logged and shown in the inbox). */
export interface MessagingConfig {
  /** smtp:// or smtps:// with credentials; absent: no e-mail. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The SMS gateway's REST base URL and API key; both or neither. */
  smsApiUrl: string | undefined;
  smsApiKey: string | undefined;
  smsSender: string;
  /** Web Push: the VAPID key pair and subject the push services know this server by; absent: see `pushDevKeys`. */
  vapid: VapidConfig | undefined;
  /**
   * Without `vapid`: a key pair generated once and kept in the database, so `npm start` on localhost can show
   * push (development and demo only; refused in production, where keys must be given). Off: no push.
   */
  pushDevKeys: boolean;
  /** Sends per second per channel (BullMQ rate limiter). */
  emailPerSecond: number;
  smsPerSecond: number;
  pushPerSecond: number;
  maxAttempts: number;
  /** Book-now reminder this many working days before an item's window closes. */
  bookNowClosingWorkingDays: number;
  /** A message in flight this long without a result goes on its queue again (Redis lost it, or a worker died). */
  reconcileAfterSeconds: number;
  /** Copenhagen wall-clock time (HH:MM) from which the adviser's day goes out to staff who opted in. */
  adviserDayTime: string;
}

/** VAPID (RFC 8292): an ECDSA P-256 key pair, base64url (public: 65-byte uncompressed point; private: 32 bytes). */
export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:` contact the push services may use. */
  subject: string;
}

export interface OidcConfig {
  /** `OIDC_ISSUER_URL`: the `iss` of its tokens; discovery at `<issuer>/.well-known/openid-configuration`. */
  issuerUrl: string;
  clientId: string;
  /** Absent: a public client (PKCE only, `token_endpoint_auth_method=none`). */
  clientSecret: string | undefined;
  /** The `aud` an API access token must carry; defaults to the client id. */
  audience: string;
  /** The ID-token/access-token claim carrying the member number, used to link a member at first sign-in. */
  memberNumberClaim: string;
  /** How long the provider's signing keys are trusted before they are fetched again (a removed key stops working then). */
  jwksMaxAgeSeconds: number;
  /** Server-side web session: idle and absolute lifetime. */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
}

/** Loopback listen addresses: only the machine itself can reach the service. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];

class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  number(
    name: string,
    fallback: number,
    { min, max, integer = true }: { min: number; max: number; integer?: boolean },
  ): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed)) || parsed < min || parsed > max) {
      this.problems.push(
        `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${value}")`,
      );
      return fallback;
    }
    return parsed;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(value)) return true;
    if (['false', '0', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  url(name: string, protocols: readonly string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must be a ${protocols.join(' or ')} URL (got protocol "${parsed.protocol}")`);
      }
      return value;
    } catch {
      this.problems.push(`${name} is not a valid URL`);
      return undefined;
    }
  }
}

/** Reads and validates every setting once; the rest of the code receives the typed result, never the environment. */
export function loadConfig(env: Env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const port = read.number('PORT', 3000, { min: 0, max: 65535 });
  const jwtSecret = read.optionalString('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    read.problems.push('JWT_SECRET must be at least 32 characters long');
  }
  const host = read.string('HOST', '127.0.0.1');
  const demoMode = read.boolean('DEMO_MODE', nodeEnv !== 'production' && isLoopbackHost(host));
  if (demoMode && nodeEnv === 'production') {
    read.problems.push('DEMO_MODE must be off when NODE_ENV=production (demo sign-in hands out tokens to anyone)');
  }
  const oidc = readOidc(read, nodeEnv);
  if (nodeEnv === 'production' && !oidc) {
    read.problems.push(
      'OIDC_ISSUER_URL and OIDC_CLIENT_ID are required when NODE_ENV=production (the only way to sign in there)',
    );
  }
  const metricsToken = read.optionalString('METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 32) {
    read.problems.push('METRICS_TOKEN must be at least 32 characters long');
  }
  const publicBaseUrl = read.url('PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const config: AppConfig = {
    nodeEnv,
    host,
    port,
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: read.number('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    databasePoolWaitMs: read.number('DATABASE_POOL_WAIT_MS', 10_000, { min: 100, max: 120_000 }),
    embeddedPostgresDir: read.string('EMBEDDED_PG_DIR', '.data/postgres'),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: read.string('REDIS_KEY_PREFIX', 'akasse'),
    jwtSecret,
    localTokens: nodeEnv !== 'production',
    oidc,
    publicBaseUrl: publicBaseUrl.replace(/\/+$/, ''),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    demoData: read.boolean('DEMO_DATA', nodeEnv !== 'production'),
    demoSeed: read.number('DEMO_SEED', 20261123, { min: 0, max: 2 ** 31 - 1 }),
    demoScale: read.number('DEMO_SCALE', 1, { min: 0.1, max: 20, integer: false }),
    demoMode,
    runWorkers: read.boolean('RUN_WORKERS', true),
    writeRateLimitPerMinute: read.number('WRITE_RATE_LIMIT_PER_MINUTE', 300, { min: 1, max: 1_000_000 }),
    shutdownTimeoutMs: read.number('SHUTDOWN_TIMEOUT_MS', 10_000, { min: 0, max: 600_000 }),
    capacityPlanCacheEntries: read.number('CAPACITY_PLAN_CACHE_ENTRIES', 32, { min: 0, max: 1000 }),
    capacityPlanConcurrency: read.number('CAPACITY_PLAN_CONCURRENCY', 2, { min: 1, max: 64 }),
    capacityPlanRefreshSeconds: read.number('CAPACITY_PLAN_REFRESH_SECONDS', nodeEnv === 'test' ? 0 : 10, {
      min: 0,
      max: 3600,
    }),
    capacityPlanMaxStaleSeconds: read.number('CAPACITY_PLAN_MAX_STALE_SECONDS', nodeEnv === 'test' ? 0 : 60, {
      min: 0,
      max: 3600,
    }),
    metricsToken,
    metricsPort:
      read.optionalString('METRICS_PORT') === undefined
        ? undefined
        : read.number('METRICS_PORT', 0, { min: 0, max: 65535 }),
    metricsHost: read.string('METRICS_HOST', '127.0.0.1'),
    messaging: {
      smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:']),
      mailFrom: read.string('MAIL_FROM', 'A-kassen <no-reply@akasse.invalid>'),
      smsApiUrl: read.url('SMS_API_URL', ['http:', 'https:']),
      smsApiKey: read.optionalString('SMS_API_KEY'),
      smsSender: read.string('SMS_SENDER', 'A-kassen'),
      vapid: readVapid(read, nodeEnv),
      pushDevKeys: read.boolean('PUSH_DEV_KEYS', nodeEnv === 'development' && demoMode),
      emailPerSecond: read.number('MESSAGE_EMAIL_PER_SECOND', 50, { min: 1, max: 10_000 }),
      smsPerSecond: read.number('MESSAGE_SMS_PER_SECOND', 10, { min: 1, max: 10_000 }),
      pushPerSecond: read.number('MESSAGE_PUSH_PER_SECOND', 50, { min: 1, max: 10_000 }),
      maxAttempts: read.number('MESSAGE_MAX_ATTEMPTS', 6, { min: 1, max: 20 }),
      bookNowClosingWorkingDays: read.number('BOOK_NOW_CLOSING_WORKING_DAYS', 3, { min: 1, max: 20 }),
      reconcileAfterSeconds: read.number('MESSAGE_RECONCILE_SECONDS', 60, { min: 1, max: 3600 }),
      adviserDayTime: read.string('ADVISER_DAY_TIME', '07:00'),
    },
  };
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(config.messaging.adviserDayTime))
    read.problems.push('ADVISER_DAY_TIME must be a time of day HH:MM (Copenhagen), e.g. 07:00');
  if ((config.messaging.smsApiUrl === undefined) !== (config.messaging.smsApiKey === undefined)) {
    read.problems.push('SMS_API_URL and SMS_API_KEY go together: set both or neither');
  }
  if (config.messaging.pushDevKeys && nodeEnv === 'production') {
    read.problems.push(
      'PUSH_DEV_KEYS must be off when NODE_ENV=production: give VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT',
    );
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** Bytes of a base64url value, or undefined when it is not base64url. */
function base64UrlBytes(value: string): number | undefined {
  return /^[A-Za-z0-9_-]+$/.test(value) ? Buffer.from(value, 'base64url').length : undefined;
}

function readVapid(read: EnvReader, nodeEnv: NodeEnv): VapidConfig | undefined {
  const publicKey = read.optionalString('VAPID_PUBLIC_KEY');
  const privateKey = read.optionalString('VAPID_PRIVATE_KEY');
  const subject = read.optionalString('VAPID_SUBJECT');
  if ((publicKey === undefined) !== (privateKey === undefined)) {
    read.problems.push(
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both or neither (`npx web-push generate-vapid-keys`)',
    );
    return undefined;
  }
  if (subject !== undefined && !/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(subject)) {
    read.problems.push(`VAPID_SUBJECT must be a mailto: address or an https: URL (got "${subject}")`);
  }
  if (publicKey === undefined || privateKey === undefined) return undefined;
  if (base64UrlBytes(publicKey) !== 65 || Buffer.from(publicKey, 'base64url')[0] !== 0x04) {
    read.problems.push('VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes, uncompressed)');
  }
  if (base64UrlBytes(privateKey) !== 32)
    read.problems.push('VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes)');
  if (subject === undefined && nodeEnv === 'production')
    read.problems.push('VAPID_SUBJECT is required with the VAPID keys when NODE_ENV=production');
  return { publicKey, privateKey, subject: subject ?? 'mailto:no-reply@akasse.invalid' };
}

function readOidc(read: EnvReader, nodeEnv: NodeEnv): OidcConfig | undefined {
  const issuerUrl = read.url('OIDC_ISSUER_URL', ['http:', 'https:']);
  const clientId = read.optionalString('OIDC_CLIENT_ID');
  if (issuerUrl && !clientId) read.problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER_URL');
  if (!issuerUrl && clientId) read.problems.push('OIDC_ISSUER_URL is required with OIDC_CLIENT_ID');
  if (issuerUrl && nodeEnv === 'production' && !issuerUrl.startsWith('https:')) {
    read.problems.push('OIDC_ISSUER_URL must be an https URL when NODE_ENV=production');
  }
  const oidc = {
    clientSecret: read.optionalString('OIDC_CLIENT_SECRET'),
    audience: read.optionalString('OIDC_AUDIENCE'),
    memberNumberClaim: read.string('OIDC_MEMBER_NUMBER_CLAIM', 'member_number'),
    jwksMaxAgeSeconds: read.number('OIDC_JWKS_MAX_AGE_SECONDS', 600, { min: 1, max: 86_400 }),
    sessionIdleMinutes: read.number('SESSION_IDLE_MINUTES', 30, { min: 1, max: 24 * 60 }),
    sessionMaxHours: read.number('SESSION_MAX_HOURS', 10, { min: 1, max: 24 * 7 }),
  };
  if (!issuerUrl || !clientId) return undefined;
  return { issuerUrl, clientId, ...oidc, audience: oidc.audience ?? clientId };
}

/** The one place that reads the process environment. */
export function loadConfigFromEnvironment(): AppConfig {
  return loadConfig(process.env);
}
