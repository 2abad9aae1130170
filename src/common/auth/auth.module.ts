import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessService } from './access.service.js';
import { IdentityRepository } from './identity.repository.js';
import { IdentityService } from './identity.service.js';
import { OidcService } from './oidc.service.js';
import { TokenService } from './token.service.js';
import { WebSessionService } from './web-session.service.js';

@Global()
@Module({})
export class AuthModule {
  static forRoot(secret: string): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({ secret, signOptions: { algorithm: 'HS256' } })],
      providers: [AccessService, TokenService, OidcService, IdentityRepository, IdentityService, WebSessionService],
      exports: [AccessService, TokenService, OidcService, IdentityRepository, IdentityService, WebSessionService],
    };
  }
}
