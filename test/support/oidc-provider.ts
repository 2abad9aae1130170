import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

/** A person the test provider knows: `sub` and the claims it releases. */
export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  member_number?: string;
}

export interface SigningKey {
  kid: string;
  privateJwk: JWK;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
}

export interface TestOpenIdProvider {
  issuer: string;
  /** Adds a person who can sign in on the provider's login page. */
  addAccount(account: TestAccount): void;
  /** Publishes exactly these keys from now on (the first one signs new ID tokens). */
  publishKeys(keys: SigningKey[]): void;
  keys: SigningKey[];
  /** An access token signed like the provider's own (for aud/exp/rotation cases). */
  accessToken(
    claims: Record<string, unknown>,
    options?: { key?: SigningKey; issuer?: string; audience?: string; expiresInSeconds?: number; alg?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

export const TEST_CLIENT_ID = 'akasse-web';
export const TEST_AUDIENCE = 'urn:akasse:api';
export const TEST_MACHINE_CLIENT = { id: 'case-system', secret: 'case-system-secret-that-is-long-enough' };

export async function newSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' } };
}

/**
 * A real OpenID Provider (the `oidc-provider` package) on a loopback port, with its own login and consent
 * pages (any login name is accepted as the subject). Key rotation swaps the provider behind the same
 * issuer URL, as a real provider publishing a new key set would.
 */
export async function startTestOpenIdProvider(appBaseUrl: string): Promise<TestOpenIdProvider> {
  const accounts = new Map<string, TestAccount>();
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state = { keys: [await newSigningKey('key-1')] };

  const configuration = (keys: SigningKey[]): Configuration => ({
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${appBaseUrl}/api/auth/callback`],
        post_logout_redirect_uris: [`${appBaseUrl}/app/sign-in?signedOut=1`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: TEST_MACHINE_CLIENT.id,
        client_secret: TEST_MACHINE_CLIENT.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: keys.map((k) => k.privateJwk) } as Configuration['jwks'],
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['member_number'] },
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Only the machine client gets a JWT access token for the API; the web client's stays with the app server.
        defaultResource: (_ctx, client) =>
          (client?.clientId === TEST_MACHINE_CLIENT.id ? TEST_AUDIENCE : undefined) as string,
        getResourceServerInfo: () => ({
          scope: 'members:write members:read',
          audience: TEST_AUDIENCE,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub) ?? { sub };
      return { accountId: sub, claims: () => ({ ...account }) };
    },
  });

  const install = (keys: SigningKey[]) => {
    const provider = new Provider(issuer, configuration(keys));
    provider.proxy = true;
    handler = provider.callback() as (req: IncomingMessage, res: ServerResponse) => void;
  };
  install(state.keys);

  return {
    issuer,
    addAccount: (account) => accounts.set(account.sub, account),
    publishKeys: (keys) => {
      state.keys = keys;
      install(keys);
    },
    get keys() {
      return state.keys;
    },
    accessToken: async (claims, options = {}) => {
      const key = options.key ?? state.keys[0];
      return new SignJWT(claims)
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: key.kid, typ: 'at+jwt' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? TEST_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 300))
        .sign(key.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A cookie jar over fetch with manual redirects: enough of a browser to go through the provider's pages. */
export class Browser {
  private readonly cookies = new Map<string, Map<string, string>>();

  private jar(url: URL): Map<string, string> {
    let jar = this.cookies.get(url.host);
    if (!jar) this.cookies.set(url.host, (jar = new Map()));
    return jar;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.jar(target);
    const headers: Record<string, string> = {};
    if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** Follows redirects until a response that is not one, or until a URL under `stopAt` (the app's callback). */
  async follow(url: string, stopAt: string): Promise<{ url: string; response: Response }> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      if (current.startsWith(stopAt)) return { url: current, response: new Response(null, { status: 204 }) };
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      current = new URL(location, current).href;
    }
    throw new Error('too many redirects');
  }

  /** Signs in on the provider's own login page and consents; returns the app callback URL with the code. */
  async signInAtProvider(authorizationUrl: string, login: string, callbackPrefix: string): Promise<string> {
    let step = await this.follow(authorizationUrl, callbackPrefix);
    for (let page = 0; page < 3 && !step.url.startsWith(callbackPrefix); page++) {
      const html = await step.response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`unexpected provider page at ${step.url}: ${html.slice(0, 300)}`);
      const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
      const posted = await this.request(new URL(action, step.url).href, { method: 'POST', form });
      const next = posted.headers.get('location');
      if (!next) throw new Error(`provider answered ${posted.status} to ${prompt}`);
      step = await this.follow(new URL(next, step.url).href, callbackPrefix);
    }
    if (!step.url.startsWith(callbackPrefix)) throw new Error('did not get back to the app');
    return step.url;
  }
}
