import { Body, Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { ProgrammeShareQuery, RoleShareBody, StaffShareBody } from '../dto/programme-share.dto.js';
import { ProgrammeSharesDto, RoleShareDto, StaffShareOnDto } from '../dto/programme-share-response.dto.js';
import { ProgrammeShareService } from './programme-share.service.js';

const uuid = new ParseIdPipe();

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('api/capacity')
export class ProgrammeShareController {
  constructor(@Inject(ProgrammeShareService) private readonly shares: ProgrammeShareService) {}

  @Get('programme-shares')
  @ApiOperation({
    summary:
      'Share of working time for programme work: role defaults and the people in scope, with their dated history',
  })
  @ApiOkResponse({ type: ProgrammeSharesDto })
  overview(@CurrentPrincipal() principal: Principal, @Query() query: ProgrammeShareQuery): Promise<ProgrammeSharesDto> {
    return this.shares.overview(principal, query.on);
  }

  @Put('programme-shares/roles/:role')
  @ApiOperation({
    summary: 'Set a leader role’s default programme share from a date on (audited; earlier values stay as history)',
  })
  @ApiOkResponse({ type: RoleShareDto })
  setRole(
    @CurrentPrincipal() principal: Principal,
    @Param('role') role: string,
    @Body() body: RoleShareBody,
  ): Promise<RoleShareDto> {
    return this.shares.setRoleDefault(principal, role, body);
  }

  @Get('staff/:id/programme-share')
  @ApiOperation({ summary: 'A person’s programme share in force and its dated history' })
  @ApiOkResponse({ type: StaffShareOnDto })
  forStaff(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Query() query: ProgrammeShareQuery,
  ): Promise<StaffShareOnDto> {
    return this.shares.forStaff(principal, id, query.on);
  }

  @Put('staff/:id/programme-share')
  @ApiOperation({
    summary: 'Set a person’s own programme share from a date on, or null for the role default (audited)',
  })
  @ApiOkResponse({ type: StaffShareOnDto })
  setStaff(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: StaffShareBody,
  ): Promise<StaffShareOnDto> {
    return this.shares.setForStaff(principal, id, body);
  }
}
