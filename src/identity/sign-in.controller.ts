import { Body, Controller, Get, HttpCode, Inject, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import * as client from 'openid-client';
import { IsString, Length } from 'class-validator';
import { AllowUnlinked, CurrentIdentity, CurrentPrincipal, Public } from '../common/auth/auth.decorators.js';
import type { AuthenticatedRequest } from '../common/auth/auth.guard.js';
import { IdentityRepository } from '../common/auth/identity.repository.js';
import { hashSecret, IdentityService, type VerifiedIdentity } from '../common/auth/identity.service.js';
import { OidcService } from '../common/auth/oidc.service.js';
import type { Principal } from '../common/auth/principal.js';
import { readCookie, WebSessionService } from '../common/auth/web-session.service.js';
import { APP_CONFIG } from '../common/config/config.module.js';
import type { AppConfig } from '../common/config/app-config.js';
import { DomainError } from '../common/errors/domain-error.js';
import { OptionalNotNull } from '../common/validation/decorators.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { PrincipalDto } from '../common/auth/dto/principal.dto.js';
import { LinkCodeDto, LogoutDto, WebSessionDto } from './dto/identity-responses.dto.js';
import { MembersService } from '../booking/members/members.service.js';

const LOGIN_ATTEMPT_MINUTES = 10;
const DEFAULT_RETURN_TO = '/app/';

/** Only a path inside the web app: never another site (open redirect), never a protocol-relative `//host`. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 1000) return DEFAULT_RETURN_TO;
  if (!/^\/app(\/|$|\?)/.test(value) || value.includes('//') || value.includes('\\')) return DEFAULT_RETURN_TO;
  return value;
}

export class SignInQuery {
  @ApiPropertyOptional({ description: 'Where in the web app to return after sign-in, e.g. /app/member' })
  @OptionalNotNull()
  @IsString()
  returnTo?: string;
}

export class LinkBody {
  @ApiProperty({ description: 'The one-time link code from the a-kasse, e.g. ABCD-EFGH-JKMN' })
  @IsString()
  @Length(12, 20)
  code!: string;
}

/**
 * Web sign-in with the configured OpenID Provider: Authorization Code flow with PKCE, the session kept
 * server-side (see WebSessionService), sign-out at the provider too. Unknown identities get a session
 * that can do nothing but link itself (`POST /api/auth/link`) or sign out.
 */
@ApiTags('auth')
@Controller('api/auth')
export class SignInController {
  private readonly logger = new Logger(SignInController.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OidcService) private readonly oidc: OidcService,
    @Inject(IdentityService) private readonly identities: IdentityService,
    @Inject(IdentityRepository) private readonly repository: IdentityRepository,
    @Inject(WebSessionService) private readonly sessions: WebSessionService,
  ) {}

  private get callbackUrl(): string {
    return `${this.config.publicBaseUrl}/api/auth/callback`;
  }

  @Get('login')
  @Public()
  @ApiOperation({
    summary: 'Starts sign-in: redirects the browser to the identity provider (Authorization Code + PKCE)',
  })
  @ApiFoundResponse({
    description: 'To the identity provider’s authorization endpoint',
    headers: { Location: { schema: { type: 'string' } } },
  })
  async login(@Query() query: SignInQuery, @Res() response: Response): Promise<void> {
    const configuration = await this.oidc.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.repository.insertLoginAttempt(
      hashSecret(state),
      codeVerifier,
      nonce,
      safeReturnTo(query.returnTo),
      new Date(Date.now() + LOGIN_ATTEMPT_MINUTES * 60_000),
    );
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.callbackUrl,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    // The state goes in a cookie too: the callback must come back to the browser that started the sign-in.
    this.sessions.setLoginCookie(response, state);
    response.redirect(302, url.href);
  }

  @Get('callback')
  @Public()
  @ApiOperation({
    summary:
      'The identity provider returns here; starts the session and sends the browser back to the page it came from',
  })
  @ApiFoundResponse({
    description: 'Back into the web app (or its sign-in page with signInError)',
    headers: { Location: { schema: { type: 'string' } } },
  })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const state = typeof request.query.state === 'string' ? request.query.state : undefined;
    const cookieState = readCookie(request, this.sessions.loginCookieName);
    this.sessions.clearLoginCookie(response);
    const attempt = state ? await this.repository.takeLoginAttempt(hashSecret(state)) : undefined;
    if (!state || !attempt || cookieState !== state) {
      response.redirect(302, '/app/sign-in?signInError=SIGN_IN_STATE_INVALID');
      return;
    }
    if (typeof request.query.error === 'string') {
      response.redirect(302, `/app/sign-in?signInError=${encodeURIComponent(request.query.error.slice(0, 64))}`);
      return;
    }
    const configuration = await this.oidc.configuration();
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(
        configuration,
        new URL(request.originalUrl, this.config.publicBaseUrl),
        {
          pkceCodeVerifier: attempt.codeVerifier,
          expectedState: state,
          expectedNonce: attempt.nonce,
          idTokenExpected: true,
        },
      );
      claims = { ...(tokens.claims() ?? {}) };
    } catch (error) {
      // The error names what failed (state, nonce, signature, provider answer), never a token.
      const {
        name,
        message,
        error: code,
        error_description: description,
      } = error as Error & { error?: string; error_description?: string };
      this.logger.warn(
        `Sign-in callback refused: ${name}: ${message}${code ? ` (${code}: ${description ?? ''})` : ''}`,
      );
      response.redirect(302, '/app/sign-in?signInError=SIGN_IN_FAILED');
      return;
    }
    const identity = this.oidc.identityFromClaims(claims, configuration.serverMetadata().issuer);
    const principal = await this.identities.resolve(identity);
    await this.sessions.create(response, identity, principal);
    response.redirect(
      302,
      principal ? attempt.returnTo : `/app/not-linked?returnTo=${encodeURIComponent(attempt.returnTo)}`,
    );
  }

  @Get('session')
  @AllowUnlinked()
  @ApiOperation({
    summary: 'The web session: who is signed in (or that the identity is not linked yet) and the CSRF token for writes',
  })
  @ApiOkResponse({ type: WebSessionDto })
  session(@Req() request: AuthenticatedRequest): WebSessionDto {
    const session = request.webSession;
    if (!session)
      throw new DomainError(
        'NOT_A_WEB_SESSION',
        'This is for the web app’s cookie session; API clients send a bearer token.',
      );
    return {
      linked: session.principal !== undefined,
      ...(session.principal ?? {}),
      csrfToken: session.row.csrfToken,
      expiresAt: session.row.expiresAt.toISOString(),
    };
  }

  @Post('logout')
  @HttpCode(200)
  @AllowUnlinked()
  @ApiOperation({
    summary: 'Ends the web session here; answers where to send the browser to end it at the identity provider too',
  })
  @ApiOkResponse({ type: LogoutDto })
  async logout(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LogoutDto> {
    if (request.webSession) await this.sessions.end(request.webSession);
    this.sessions.clear(response);
    let endSessionUrl: string | null = null;
    if (this.oidc.enabled) {
      const configuration = await this.oidc.configuration().catch(() => undefined);
      if (configuration?.serverMetadata().end_session_endpoint) {
        endSessionUrl = client.buildEndSessionUrl(configuration, {
          client_id: this.oidc.settings.clientId,
          post_logout_redirect_uri: `${this.config.publicBaseUrl}/app/sign-in?signedOut=1`,
        }).href;
      }
    }
    return { endSessionUrl };
  }

  @Post('link')
  @HttpCode(200)
  @AllowUnlinked()
  @ApiOperation({ summary: 'Links the signed-in identity to a member with a one-time code from the a-kasse' })
  @ApiOkResponse({ type: PrincipalDto, description: 'Who the session now acts as' })
  async link(
    @Body() body: LinkBody,
    @Req() request: AuthenticatedRequest,
    @CurrentIdentity() identity: VerifiedIdentity | undefined,
  ): Promise<PrincipalDto> {
    if (request.principal || !identity)
      throw new DomainError('IDENTITY_ALREADY_LINKED', 'This account is already linked.');
    const principal = await this.identities.redeemLinkCode(body.code, identity.issuer, identity.subject);
    if (request.webSession) await this.sessions.link(request.webSession, principal);
    return principal;
  }
}

/** Staff hand a member a one-time code to link their sign-in (when the provider sends no member number). */
@ApiTags('auth')
@Controller('api/members')
export class LinkCodeController {
  constructor(
    @Inject(IdentityService) private readonly identities: IdentityService,
    @Inject(MembersService) private readonly members: MembersService,
  ) {}

  @Post(':memberId/link-code')
  @ApiOperation({
    summary: 'Staff: a one-time code (valid 14 days, shown once) that links a member’s sign-in to the member',
  })
  @ApiCreatedResponse({ type: LinkCodeDto })
  async issue(
    @Param('memberId', new ParseIdPipe()) memberId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LinkCodeDto> {
    await this.members.get(principal, memberId);
    return this.identities.issueLinkCode(memberId, principal);
  }
}
