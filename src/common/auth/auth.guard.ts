import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { accessRule } from './access-policy.js';
import { ALLOW_UNLINKED, IS_PUBLIC, REQUIRED_SCOPES } from './auth.decorators.js';
import { identityNotLinked, type VerifiedIdentity } from './identity.service.js';
import type { Principal } from './principal.js';
import { TokenService } from './token.service.js';
import { type SessionLookup, WebSessionService } from './web-session.service.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthenticatedRequest = Request & {
  principal?: Principal;
  identity?: VerifiedIdentity;
  webSession?: SessionLookup;
};

/**
 * Every route needs a caller unless marked @Public(): a bearer token (API clients) or the web app's
 * session cookie (with its CSRF token on writes). Who may call it is the access policy's (access-policy.ts), declared
 * there only; an /api route the policy does not declare is refused. A verified identity nobody has linked gets 403
 * IDENTITY_NOT_LINKED except on @AllowUnlinked routes.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(WebSessionService) private readonly sessions: WebSessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    let principal: Principal | undefined;
    let identity: VerifiedIdentity | undefined;
    if (header !== undefined) {
      const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!match)
        throw new DomainError('UNAUTHENTICATED', 'Sign in first: send an `Authorization: Bearer <token>` header.');
      const verified = await this.tokens.verify(match[1]);
      if ('principal' in verified) principal = verified.principal;
      else identity = verified.unlinked;
    } else if (this.sessions.hasCookie(request)) {
      const session = await this.sessions.lookup(request);
      if (!READ_METHODS.has(request.method)) this.sessions.assertCsrf(request, session);
      request.webSession = session;
      principal = session.principal;
      identity = session.identity;
    } else {
      throw new DomainError('UNAUTHENTICATED', 'Sign in first: send an `Authorization: Bearer <token>` header.');
    }
    if (identity) request.identity = identity;
    if (!principal) {
      if (this.reflector.getAllAndOverride<boolean>(ALLOW_UNLINKED, targets)) return true;
      throw identityNotLinked();
    }
    request.principal = principal;
    if (principal.role === 'service') {
      const scopes = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets);
      if (!scopes) throw new DomainError('FORBIDDEN', 'Machine clients may call only the routes their scopes name.');
      const missing = scopes.filter((scope) => !principal.scopes?.includes(scope));
      if (missing.length > 0)
        throw new DomainError('INSUFFICIENT_SCOPE', `This needs the scopes: ${missing.join(', ')}.`, { missing });
      return true;
    }
    // The declared access policy: a role it does not list is 403 for this route, whatever the id. The scope is
    // applied after this by AccessService, in the services and their queries.
    const path = (request.route as { path?: string } | undefined)?.path ?? '';
    const rule = accessRule(request.method === 'HEAD' ? 'GET' : request.method, path);
    if (!rule && path.startsWith('/api/'))
      throw new DomainError('FORBIDDEN', 'This route is not in the access policy.');
    if (rule && rule.roles !== 'public' && !rule.roles.includes(principal.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `Not for your role: ${rule.action} ${rule.resource} is for ${rule.roles.join(', ')}.`,
      );
    }
    return true;
  }
}
