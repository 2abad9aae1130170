import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/auth.decorators.js';
import { CalendarService, type FeedResponse } from './calendar.service.js';
import { acceptsGzip, type ConditionalHeaders, gzipEtag } from './feed-http.js';

const gzipAsync = promisify(gzip);

/**
 * The URLs calendar apps poll. GET also answers HEAD (Express routes HEAD to GET handlers); HEAD and 304
 * never render the feed, and only a rendered body is compressed. Left out of the OpenAPI document: the
 * token URL is a credential, not an API.
 */
@ApiExcludeController()
@Public()
@Controller('calendar')
export class CalendarSubscriptionController {
  constructor(@Inject(CalendarService) private readonly calendar: CalendarService) {}

  @Get('offices/:officeId.ics')
  async office(@Param('officeId') officeId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await send(
      request,
      response,
      await this.calendar.officeFeed(officeId, conditional(request), request.method !== 'HEAD'),
    );
  }

  @Get(':token.ics')
  async byToken(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await send(
      request,
      response,
      await this.calendar.tokenFeed(token, conditional(request), request.method !== 'HEAD'),
    );
  }
}

function conditional(request: Request): ConditionalHeaders {
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  return {
    ...(ifNoneMatch !== undefined ? { ifNoneMatch } : {}),
    ...(ifModifiedSince !== undefined ? { ifModifiedSince } : {}),
  };
}

/**
 * gzip when the client takes it (a 79 KB staff feed is about 12 KB). The compressed representation gets
 * the same tag, weak (nginx does the same), so If-None-Match with either tag revalidates; HEAD and 304
 * carry the headers GET would. Written with `end`, not `send`: Express's own freshness check would
 * second-guess the 304 decision made above.
 */
async function send(request: Request, response: Response, feed: FeedResponse): Promise<void> {
  const gzipped = acceptsGzip(request.headers['accept-encoding']);
  response.setHeader('ETag', gzipped ? gzipEtag(feed.etag) : feed.etag);
  response.setHeader('Last-Modified', feed.lastModified.toUTCString());
  response.setHeader('Cache-Control', feed.cacheControl);
  response.setHeader('Vary', 'Accept-Encoding');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Robots-Tag', 'noindex');
  if (feed.status === 304) {
    response.status(304).end();
    return;
  }
  response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  if (gzipped) response.setHeader('Content-Encoding', 'gzip');
  response.status(feed.status);
  if (feed.body === undefined) {
    response.end();
    return;
  }
  const body = gzipped ? await gzipAsync(feed.body) : Buffer.from(feed.body, 'utf8');
  response.setHeader('Content-Length', body.length);
  response.end(body);
}
