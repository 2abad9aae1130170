import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { CalendarService } from './calendar.service.js';
import { CreateFeedLinkBody, ListFeedLinksQuery } from './dto/calendar.dto.js';

const uuid = new ParseIdPipe();

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/calendar')
export class CalendarFeedsController {
  constructor(@Inject(CalendarService) private readonly calendar: CalendarService) {}

  @Post('feeds')
  @ApiOperation({ summary: 'Create a feed link (the https and webcal:// URLs carry a secret token, shown only now)' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateFeedLinkBody) {
    return this.calendar.createFeedLink(principal, body.kind, body.subjectId);
  }

  @Get('feeds')
  @ApiOperation({ summary: 'Feed links the caller made or owns, or every link of one subject (kind and subjectId); never the token' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListFeedLinksQuery) {
    return this.calendar.listFeedLinks(principal, query);
  }

  @Post('feeds/:id/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the token of a feed link; the old URL serves an empty calendar for 30 days, then 404' })
  rotate(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.calendar.rotateFeedLink(principal, id);
  }

  @Delete('feeds/:id')
  @ApiOperation({ summary: 'Revoke a feed link: its URL serves an empty calendar for 30 days, then 404' })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.calendar.revokeFeedLink(principal, id);
  }
}
