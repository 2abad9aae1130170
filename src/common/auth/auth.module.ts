import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TokenService } from './token.service.js';

@Global()
@Module({})
export class AuthModule {
  static forRoot(secret: string): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({ secret, signOptions: { algorithm: 'HS256' } })],
      providers: [TokenService],
      exports: [TokenService],
    };
  }
}
