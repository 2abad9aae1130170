import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.demoData).toBe(true);
  });

  it('names every bad variable in one error', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DEMO_DATA: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/LOG_LEVEL/);
      expect(problems).toMatch(/DEMO_DATA/);
    }
  });

  const PRODUCTION_OIDC = {
    NODE_ENV: 'production',
    OIDC_ISSUER_URL: 'https://login.example.dk/',
    OIDC_CLIENT_ID: 'akasse-web',
  };

  it('requires an OpenID Provider in production and refuses local tokens there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/OIDC_ISSUER_URL and OIDC_CLIENT_ID are required/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/at least 32/);
    const config = loadConfig(PRODUCTION_OIDC);
    expect(config.demoData).toBe(false);
    expect(config.localTokens).toBe(false);
    expect(config.oidc).toMatchObject({
      issuerUrl: 'https://login.example.dk/',
      clientId: 'akasse-web',
      audience: 'akasse-web',
      clientSecret: undefined,
    });
    expect(() => loadConfig({ ...PRODUCTION_OIDC, OIDC_ISSUER_URL: 'http://login.example.dk/' })).toThrow(
      /must be an https URL/,
    );
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'https://login.example.dk/' })).toThrow(/OIDC_CLIENT_ID is required/);
    expect(loadConfig({}).localTokens).toBe(true);
  });

  it('turns demo mode on by default only outside production on a loopback address, and refuses it in production', () => {
    expect(loadConfig({}).demoMode).toBe(true);
    expect(loadConfig({ HOST: '::1' }).demoMode).toBe(true);
    expect(loadConfig({ HOST: 'localhost' }).demoMode).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0' }).demoMode).toBe(false);
    expect(loadConfig({ HOST: '10.0.0.5' }).demoMode).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0', DEMO_MODE: 'true' }).demoMode).toBe(true);
    expect(loadConfig(PRODUCTION_OIDC).demoMode).toBe(false);
    expect(() => loadConfig({ ...PRODUCTION_OIDC, DEMO_MODE: 'true' })).toThrow(
      /DEMO_MODE must be off when NODE_ENV=production/,
    );
    expect(() => loadConfig({ ...PRODUCTION_OIDC, HOST: '127.0.0.1', DEMO_MODE: 'on' })).toThrow(ConfigError);
  });

  it('strips a trailing slash from the public base URL', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://booking.example.dk/' }).publicBaseUrl).toBe(
      'https://booking.example.dk',
    );
  });
});

describe('Web Push (VAPID) settings', () => {
  // A P-256 key pair as `npx web-push generate-vapid-keys` prints it (made for this test only).
  const PUBLIC = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';
  const PRIVATE = 'UUxI4O8-FbRouAevSmBQ6o18hgE4nSG3qwvJTfKc-ls';
  const PRODUCTION = {
    NODE_ENV: 'production',
    OIDC_ISSUER_URL: 'https://login.example.dk/',
    OIDC_CLIENT_ID: 'akasse-web',
  };

  it('takes a key pair with a subject, checks their form, and wants both keys or neither', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).messaging.vapid).toBeUndefined();
    expect(
      loadConfig({ VAPID_PUBLIC_KEY: PUBLIC, VAPID_PRIVATE_KEY: PRIVATE, VAPID_SUBJECT: 'mailto:drift@akasse.dk' })
        .messaging.vapid,
    ).toEqual({ publicKey: PUBLIC, privateKey: PRIVATE, subject: 'mailto:drift@akasse.dk' });
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: PUBLIC })).toThrow(/go together/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: PRIVATE, VAPID_PRIVATE_KEY: PRIVATE })).toThrow(
      /VAPID_PUBLIC_KEY must be/,
    );
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: PUBLIC, VAPID_PRIVATE_KEY: `${PRIVATE}==` })).toThrow(
      /VAPID_PRIVATE_KEY must be/,
    );
    expect(() =>
      loadConfig({ VAPID_PUBLIC_KEY: PUBLIC, VAPID_PRIVATE_KEY: PRIVATE, VAPID_SUBJECT: 'drift@akasse.dk' }),
    ).toThrow(/VAPID_SUBJECT must be/);
  });

  it('generates development keys only for `npm start` on localhost, never in production, where the keys and subject are required', () => {
    expect(loadConfig({}).messaging.pushDevKeys).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).messaging.pushDevKeys).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0' }).messaging.pushDevKeys).toBe(false);
    expect(loadConfig(PRODUCTION).messaging.pushDevKeys).toBe(false);
    expect(() => loadConfig({ ...PRODUCTION, PUSH_DEV_KEYS: 'true' })).toThrow(/PUSH_DEV_KEYS must be off/);
    expect(() => loadConfig({ ...PRODUCTION, VAPID_PUBLIC_KEY: PUBLIC, VAPID_PRIVATE_KEY: PRIVATE })).toThrow(
      /VAPID_SUBJECT is required/,
    );
    expect(
      loadConfig({
        ...PRODUCTION,
        VAPID_PUBLIC_KEY: PUBLIC,
        VAPID_PRIVATE_KEY: PRIVATE,
        VAPID_SUBJECT: 'https://akasse.dk/kontakt',
      }).messaging.vapid?.subject,
    ).toBe('https://akasse.dk/kontakt');
  });
});
