import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Scopes } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { AvailabilityService } from '../availability/availability.service.js';
import { AvailabilityQueryDto } from '../dto/bookings.dto.js';
import { CreateMemberBody, ListMembersQuery, ReferralBody, UpdateMemberBody } from '../dto/members.dto.js';
import { AvailabilityDto, MemberDto, MemberErasedDto, ProgrammeDto } from '../dto/responses.dto.js';
import { MembersService } from './members.service.js';

const uuid = new ParseIdPipe();

@ApiTags('members')
@ApiBearerAuth()
@Controller('api/members')
export class MembersController {
  constructor(
    @Inject(MembersService) private readonly members: MembersService,
    @Inject(AvailabilityService) private readonly availability: AvailabilityService,
  ) {}

  @Post()
  @Scopes('members:write')
  @ApiOperation({ summary: 'Register a member (member number, never CPR) and generate their programme' })
  @ApiCreatedResponse({ type: MemberDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateMemberBody): Promise<MemberDto> {
    return this.members.create(principal, body);
  }

  @Get()
  @Scopes('members:read')
  @ApiOperation({ summary: 'Members in the caller’s scope' })
  @ApiOkResponse({ type: [MemberDto] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListMembersQuery): Promise<MemberDto[]> {
    return this.members.list(principal, query);
  }

  @Get(':id')
  @Scopes('members:read')
  @ApiOkResponse({ type: MemberDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<MemberDto> {
    return this.members.get(principal, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a member; a new target group, first day or IT need regenerates the open programme items',
  })
  @ApiOkResponse({ type: MemberDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateMemberBody,
  ): Promise<MemberDto> {
    return this.members.update(principal, id, body);
  }

  @Get(':id/programme')
  @ApiOperation({ summary: 'The programme timeline and what to book next' })
  @ApiOkResponse({ type: ProgrammeDto })
  programme(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<ProgrammeDto> {
    return this.members.programme(principal, id);
  }

  @Get(':id/availability')
  @ApiOperation({ summary: 'Bookable options for one programme item: in its window, within reach, continuity first' })
  @ApiOkResponse({ type: AvailabilityDto })
  availabilityFor(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Query() query: AvailabilityQueryDto,
  ): Promise<AvailabilityDto> {
    return this.availability.forMember(principal, id, query);
  }

  @Post(':id/referral')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refer the member to the jobcentre: closes the programme and cancels future bookings' })
  @ApiOkResponse({ type: MemberDto, description: 'The member, now referred' })
  refer(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: ReferralBody,
  ): Promise<MemberDto | undefined> {
    return this.members.refer(principal, id, body.reason);
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Erase (anonymise) the member on request; statistics keep their counts' })
  @ApiOkResponse({ type: MemberErasedDto })
  erase(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<MemberErasedDto> {
    return this.members.erase(principal, id);
  }
}
