import { Body, Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { SmileyBody } from '../dto/bookings.dto.js';
import { TaskQuery } from '../dto/smiley.dto.js';
import { AdviserTaskDto, SmileyResultDto } from '../dto/responses.dto.js';
import { SmileyService } from './smiley.service.js';

const uuid = new ParseIdPipe();

@ApiTags('smiley and adviser tasks')
@ApiBearerAuth()
@Controller('api')
export class SmileyController {
  constructor(@Inject(SmileyService) private readonly smileys: SmileyService) {}

  @Put('members/:id/smiley')
  @ApiOperation({
    summary:
      'Set the job-search smiley: yellow opens a service call (due in 2 working days), red books a summons at the home office within 5 working days, green closes service calls',
  })
  @ApiOkResponse({ type: SmileyResultDto })
  setSmiley(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: SmileyBody,
  ): Promise<SmileyResultDto> {
    return this.smileys.setSmiley(principal, id, body.smiley);
  }

  @Get('tasks')
  @ApiOperation({ summary: 'Adviser tasks (service calls) in the caller’s scope, earliest due first' })
  @ApiOkResponse({ type: [AdviserTaskDto] })
  tasks(@CurrentPrincipal() principal: Principal, @Query() query: TaskQuery): Promise<AdviserTaskDto[]> {
    return this.smileys.listTasks(principal, query);
  }
}
