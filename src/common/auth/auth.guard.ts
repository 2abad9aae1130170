import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators.js';
import type { Principal, Role } from './principal.js';
import { TokenService } from './token.service.js';

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw new DomainError('UNAUTHENTICATED', 'Sign in first: send an `Authorization: Bearer <token>` header.');
    }
    const principal = this.tokens.verify(match[1]);
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new DomainError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }
}
