import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { VerifiedIdentity } from './identity.service.js';
import type { Principal, ServiceScope } from './principal.js';

export const IS_PUBLIC = 'auth:isPublic';
export const ALLOW_UNLINKED = 'auth:allowUnlinked';
export const REQUIRED_SCOPES = 'auth:scopes';

/** The route needs no token (health, docs, public office feeds, token-authenticated feeds). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Machine clients (service accounts) may call the route when they hold all these scopes; people are unaffected. */
export const Scopes = (...scopes: ServiceScope[]) => SetMetadata(REQUIRED_SCOPES, scopes);

/** A signed-in identity nobody has linked yet may call the route (to link itself, to sign out). */
export const AllowUnlinked = () => SetMetadata(ALLOW_UNLINKED, true);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<{ principal: Principal }>().principal;
});

/** On @AllowUnlinked routes: the verified identity, linked or not. */
export const CurrentIdentity = createParamDecorator(
  (_data: unknown, context: ExecutionContext): VerifiedIdentity | undefined => {
    return context.switchToHttp().getRequest<{ identity?: VerifiedIdentity }>().identity;
  },
);
