import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { CalendarService } from './calendar.service.js';
import { CreateFeedLinkBody, FeedLinkDto, IssuedFeedLinkDto, ListFeedLinksQuery } from './dto/calendar.dto.js';

const uuid = new ParseIdPipe();

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/calendar')
export class CalendarFeedsController {
  constructor(@Inject(CalendarService) private readonly calendar: CalendarService) {}

  @Post('feeds')
  @ApiOperation({ summary: 'Create a feed link (the https and webcal:// URLs carry a secret token, shown only now)' })
  @ApiCreatedResponse({ type: IssuedFeedLinkDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateFeedLinkBody): Promise<IssuedFeedLinkDto> {
    return this.calendar.createFeedLink(principal, body.kind, body.subjectId);
  }

  @Get('feeds')
  @ApiOperation({
    summary: 'Feed links the caller made or owns, or every link of one subject (kind and subjectId); never the token',
  })
  @ApiOkResponse({ type: [FeedLinkDto] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListFeedLinksQuery): Promise<FeedLinkDto[]> {
    return this.calendar.listFeedLinks(principal, query);
  }

  @Post('feeds/:id/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the token of a feed link; the old URL serves an empty calendar for 30 days, then 404',
  })
  @ApiOkResponse({ type: IssuedFeedLinkDto, description: 'The link with its new URLs' })
  rotate(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<IssuedFeedLinkDto> {
    return this.calendar.rotateFeedLink(principal, id);
  }

  @Delete('feeds/:id')
  @ApiOperation({ summary: 'Revoke a feed link: its URL serves an empty calendar for 30 days, then 404' })
  @ApiOkResponse({ type: FeedLinkDto })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<FeedLinkDto> {
    return this.calendar.revokeFeedLink(principal, id);
  }
}
