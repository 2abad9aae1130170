import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import * as client from 'openid-client';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig, OidcConfig } from '../config/app-config.js';
import { DomainError } from '../errors/domain-error.js';
import type { VerifiedIdentity } from './identity.service.js';

/** Only asymmetric signatures: a shared-secret (HS*) token from outside could be forged by anyone holding the secret. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'PS256'];
const CLOCK_TOLERANCE_SECONDS = 5;

export const providerUnavailable = () =>
  new DomainError(
    'IDENTITY_PROVIDER_UNAVAILABLE',
    'The sign-in service cannot be reached right now. Please try again in a moment.',
  );
const invalidToken = (message = 'The bearer token is not valid.') => new DomainError('INVALID_TOKEN', message);

/**
 * The configured OpenID Provider: its discovery document (fetched once, again after a failure), the
 * openid-client configuration for the web sign-in, and access-token verification against its JWKS.
 * The key set is cached (`OIDC_JWKS_MAX_AGE_SECONDS`) and fetched again as soon as a token names an
 * unknown key, so a rotated-in key works at once and a removed key stops working when the cache ages out.
 */
@Injectable()
export class OidcService {
  private discovered: Promise<client.Configuration> | undefined;
  private keySet: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.oidc !== undefined;
  }

  get settings(): OidcConfig {
    if (!this.config.oidc)
      throw new DomainError('NOT_FOUND', 'Sign-in with an identity provider is not configured on this server.');
    return this.config.oidc;
  }

  /** The openid-client configuration from discovery; a failed discovery is retried on the next call. */
  configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const { issuerUrl, clientId, clientSecret } = this.settings;
      const insecure = this.config.nodeEnv !== 'production' && issuerUrl.startsWith('http:');
      this.discovered = client
        .discovery(
          new URL(issuerUrl),
          clientId,
          clientSecret,
          clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
          {
            ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
            timeout: 10,
          },
        )
        .catch((error: unknown) => {
          this.discovered = undefined;
          throw Object.assign(providerUnavailable(), { cause: error });
        });
    }
    return this.discovered;
  }

  async issuer(): Promise<string> {
    return (await this.configuration()).serverMetadata().issuer;
  }

  /** Verifies an access token from the provider: signature by a published key, `iss`, `aud`, `exp`, `nbf`. */
  async verifyAccessToken(token: string): Promise<VerifiedIdentity> {
    const configuration = await this.configuration();
    const metadata = configuration.serverMetadata();
    if (!metadata.jwks_uri) throw providerUnavailable();
    this.keySet ??= createRemoteJWKSet(new URL(metadata.jwks_uri), {
      cacheMaxAge: this.settings.jwksMaxAgeSeconds * 1000,
      cooldownDuration: 1000,
      timeoutDuration: 5000,
    });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet, {
        issuer: metadata.issuer,
        audience: this.settings.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw translateJoseError(error);
    }
    return this.identityFromClaims(payload, metadata.issuer);
  }

  identityFromClaims(claims: Record<string, unknown>, issuer: string): VerifiedIdentity {
    const subject = typeof claims.sub === 'string' ? claims.sub : undefined;
    if (!subject) throw invalidToken('The token names no subject.');
    const memberNumber = claims[this.settings.memberNumberClaim];
    const clientId =
      typeof claims.client_id === 'string' ? claims.client_id : typeof claims.azp === 'string' ? claims.azp : undefined;
    return {
      issuer,
      subject,
      ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
      ...(claims.email_verified === true ? { emailVerified: true } : {}),
      ...(typeof memberNumber === 'string' && memberNumber !== '' ? { memberNumber } : {}),
      ...(clientId && clientId === subject ? { clientId } : {}),
      ...(typeof claims.scope === 'string' ? { scopes: claims.scope.split(' ').filter(Boolean) } : {}),
    };
  }
}

/** Refuses `alg: none` and any algorithm outside the accepted list before any verification work. */
export function tokenAlgorithm(token: string): string {
  try {
    const header = decodeProtectedHeader(token);
    if (typeof header.alg !== 'string') throw invalidToken();
    return header.alg;
  } catch {
    throw invalidToken();
  }
}

function translateJoseError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof joseErrors.JWTExpired)
    return new DomainError('TOKEN_EXPIRED', 'Your sign-in has expired. Please sign in again.');
  if (error instanceof joseErrors.JWKSTimeout) return providerUnavailable();
  if (error instanceof joseErrors.JOSEError) return invalidToken();
  // A network failure fetching the key set: the provider, not the token, is the problem.
  if (error instanceof TypeError || (error as { name?: string }).name === 'AbortError') return providerUnavailable();
  return invalidToken();
}
