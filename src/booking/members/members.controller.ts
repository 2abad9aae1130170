import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Scopes } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { AvailabilityService } from '../availability/availability.service.js';
import { AvailabilityQueryDto } from '../dto/bookings.dto.js';
import { CreateMemberBody, ListMembersQuery, ReferralBody, UpdateMemberBody } from '../dto/members.dto.js';
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
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateMemberBody) {
    return this.members.create(principal, body);
  }

  @Get()
  @Scopes('members:read')
  @ApiOperation({ summary: 'Members in the caller’s scope' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListMembersQuery) {
    return this.members.list(principal, query);
  }

  @Get(':id')
  @Scopes('members:read')
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.members.get(principal, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a member; a new target group, first day or IT need regenerates the open programme items' })
  update(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: UpdateMemberBody) {
    return this.members.update(principal, id, body);
  }

  @Get(':id/programme')
  @ApiOperation({ summary: 'The programme timeline and what to book next' })
  programme(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.members.programme(principal, id);
  }

  @Get(':id/availability')
  @ApiOperation({ summary: 'Bookable options for one programme item: in its window, within reach, continuity first' })
  availabilityFor(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Query() query: AvailabilityQueryDto) {
    return this.availability.forMember(principal, id, query);
  }

  @Post(':id/referral')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refer the member to the jobcentre: closes the programme and cancels future bookings' })
  refer(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: ReferralBody) {
    return this.members.refer(principal, id, body.reason);
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Erase (anonymise) the member on request; statistics keep their counts' })
  erase(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.members.erase(principal, id);
  }
}
