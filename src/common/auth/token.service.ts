import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { DomainError } from '../errors/domain-error.js';
import { IdentityService, type VerifiedIdentity } from './identity.service.js';
import { ACCEPTED_ALGORITHMS, OidcService, tokenAlgorithm } from './oidc.service.js';
import { isRole, type Principal } from './principal.js';

export const TOKEN_TTL_SECONDS = 8 * 60 * 60;

interface LocalTokenClaims {
  sub?: string;
  role: string;
  dep?: string;
}

/** A verified bearer token: who the service says it is, or an identity nobody has linked yet. */
export type Verified = { principal: Principal } | { unlinked: VerifiedIdentity };

/**
 * Bearer tokens come from two places. The configured OpenID Provider (RS256/ES256/PS256, verified with
 * its published keys; who the caller is comes from the service's own tables) and, outside production
 * only, local HS256 tokens signed with `JWT_SECRET` (`npm run token`, demo sign-in, tests), which carry
 * their role. Anything else (`alg: none`, HS256 in production, other algorithms) is refused.
 */
@Injectable()
export class TokenService {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OidcService) private readonly oidc: OidcService,
    @Inject(IdentityService) private readonly identities: IdentityService,
  ) {}

  /** Local development and tests only: there is no way to sign a token in production. */
  sign(principal: Principal, ttlSeconds = TOKEN_TTL_SECONDS): string {
    if (!this.config.localTokens) throw new DomainError('NOT_FOUND', 'Local tokens are not available on this server.');
    const claims: LocalTokenClaims = { role: principal.role };
    if (principal.subjectId) claims.sub = principal.subjectId;
    if (principal.departmentId) claims.dep = principal.departmentId;
    return this.jwt.sign(claims, { expiresIn: ttlSeconds, algorithm: 'HS256' });
  }

  async verify(token: string): Promise<Verified> {
    const algorithm = tokenAlgorithm(token);
    if (algorithm === 'HS256' && this.config.localTokens) return { principal: this.verifyLocal(token) };
    if (!ACCEPTED_ALGORITHMS.includes(algorithm) || !this.oidc.enabled) {
      throw new DomainError('INVALID_TOKEN', 'The bearer token is not valid.');
    }
    const identity = await this.oidc.verifyAccessToken(token);
    const principal = await this.identities.resolve(identity);
    return principal ? { principal } : { unlinked: identity };
  }

  private verifyLocal(token: string): Principal {
    let claims: LocalTokenClaims;
    try {
      claims = this.jwt.verify<LocalTokenClaims & object>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as { name?: string }).name === 'TokenExpiredError';
      throw new DomainError(
        expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN',
        expired ? 'Your sign-in has expired. Please sign in again.' : 'The bearer token is not valid.',
      );
    }
    if (!isRole(claims.role)) throw new DomainError('INVALID_TOKEN', 'The bearer token carries no known role.');
    return {
      role: claims.role,
      ...(claims.sub ? { subjectId: claims.sub } : {}),
      ...(claims.dep ? { departmentId: claims.dep } : {}),
    };
  }
}
