import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { Public } from '../common/auth/auth.decorators.js';
import type { Principal, Role } from '../common/auth/principal.js';
import { TOKEN_TTL_SECONDS, TokenService } from '../common/auth/token.service.js';
import { APP_CONFIG } from '../common/config/config.module.js';
import type { AppConfig } from '../common/config/app-config.js';
import { DomainError } from '../common/errors/domain-error.js';
import { OptionalNotNull } from '../common/validation/decorators.js';
import { Clock } from '../shared/time/clock.js';
import { DemoPeopleRepository } from './demo-people.repository.js';
import { DemoPersonDto, DemoTokenDto, SignInOptionsDto } from './dto/demo-responses.dto.js';

/**
 * Roles a person can be picked for on the demo sign-in page. Never admin: demo mode hands tokens to
 * anyone who can reach it, so nothing above a central coordinator.
 */
export const DEMO_PEOPLE_ROLES = [
  'member',
  'adviser',
  'job-consultant',
  'pre-unemployment',
  'office-coordinator',
  'central-coordinator',
] as const satisfies readonly Role[];
type DemoPeopleRole = (typeof DEMO_PEOPLE_ROLES)[number];

export class DemoTokenBody {
  @ApiProperty({ enum: DEMO_PEOPLE_ROLES }) @IsIn(DEMO_PEOPLE_ROLES) role!: DemoPeopleRole;
  @ApiPropertyOptional({ format: 'uuid', description: 'Member id for members, staff id for staff' })
  @OptionalNotNull()
  @IsUUID()
  subjectId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the staff member’s department' })
  @OptionalNotNull()
  @IsUUID()
  departmentId?: string;
}

export class DemoPeopleQuery {
  @ApiProperty({ enum: DEMO_PEOPLE_ROLES }) @IsIn(DEMO_PEOPLE_ROLES) role!: DemoPeopleRole;
}

const PEOPLE_LIMIT = 12;
/** Members: two per programme stage (ten) and the newest ones. */
const MEMBER_LIMIT = 20;

/**
 * Demo sign-in for the web app: pick a role and a person and get a bearer token. Every route here
 * answers 404 unless `DEMO_MODE` is on (never by default in production).
 */
@ApiTags('demo')
@Controller('api/demo')
export class DemoSignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(DemoPeopleRepository) private readonly people: DemoPeopleRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  private assertDemoMode(): void {
    if (!this.config.demoMode) throw new DomainError('NOT_FOUND', 'Demo sign-in is not enabled on this server.');
  }

  @Post('token')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Demo mode only: a bearer token for a role and person (404 unless DEMO_MODE is on)' })
  @ApiOkResponse({ type: DemoTokenDto })
  async token(@Body() body: DemoTokenBody): Promise<DemoTokenDto> {
    this.assertDemoMode();
    let departmentId = body.departmentId;
    if (body.subjectId && !departmentId && body.role !== 'member' && body.role !== 'central-coordinator') {
      departmentId = await this.people.staffDepartment(body.subjectId);
    }
    const principal: Principal = {
      role: body.role,
      ...(body.subjectId ? { subjectId: body.subjectId } : {}),
      ...(departmentId ? { departmentId } : {}),
    };
    return { token: this.tokens.sign(principal), expiresIn: TOKEN_TTL_SECONDS, principal };
  }

  @Get('people')
  @Public()
  @ApiOperation({
    summary: 'Demo mode only: a few members or staff of one role to sign in as (404 unless DEMO_MODE is on)',
  })
  @ApiOkResponse({ type: [DemoPersonDto] })
  listPeople(@Query() query: DemoPeopleQuery): Promise<DemoPersonDto[]> {
    this.assertDemoMode();
    return query.role === 'member'
      ? this.people.listMembers(MEMBER_LIMIT, this.clock.now())
      : this.people.listStaff(query.role, PEOPLE_LIMIT);
  }
}

/**
 * How the web app signs people in: demo mode (pick a person) and/or the identity provider, reached
 * through `GET /api/auth/login` (Authorization Code + PKCE, session kept server-side). Public and always on.
 */
@ApiTags('demo')
@Controller('api/sign-in')
export class SignInOptionsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('options')
  @Public()
  @ApiOperation({
    summary: 'How the web app signs people in: demo mode and/or the URL that starts sign-in with the identity provider',
  })
  @ApiOkResponse({ type: SignInOptionsDto })
  options(): SignInOptionsDto {
    return { demoMode: this.config.demoMode, identityProviderUrl: this.config.oidc ? '/api/auth/login' : null };
  }
}
