import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../errors/domain-error.js';
import { isRole, type Principal } from './principal.js';

export const TOKEN_TTL_SECONDS = 8 * 60 * 60;

interface TokenClaims {
  sub?: string;
  role: string;
  dep?: string;
}

@Injectable()
export class TokenService {
  constructor(@Inject(JwtService) private readonly jwt: JwtService) {}

  sign(principal: Principal, ttlSeconds = TOKEN_TTL_SECONDS): string {
    const claims: TokenClaims = { role: principal.role };
    if (principal.subjectId) claims.sub = principal.subjectId;
    if (principal.departmentId) claims.dep = principal.departmentId;
    return this.jwt.sign(claims, { expiresIn: ttlSeconds, algorithm: 'HS256' });
  }

  verify(token: string): Principal {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims & object>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as { name?: string }).name === 'TokenExpiredError';
      throw new DomainError(expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', expired ? 'Your sign-in has expired. Please sign in again.' : 'The bearer token is not valid.');
    }
    if (!isRole(claims.role)) throw new DomainError('INVALID_TOKEN', 'The bearer token carries no known role.');
    return {
      role: claims.role,
      ...(claims.sub ? { subjectId: claims.sub } : {}),
      ...(claims.dep ? { departmentId: claims.dep } : {}),
    };
  }
}
