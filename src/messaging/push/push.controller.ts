import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { PushEndpointBody, PushSubscriptionBody } from './push.dto.js';
import { PushPublicKeyDto, PushSubscribedDto, PushSubscriptionDto } from '../dto/messaging-response.dto.js';
import { PushService } from './push.service.js';

const uuid = new ParseIdPipe();

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api')
export class PushController {
  constructor(@Inject(PushService) private readonly push: PushService) {}

  @Public()
  @Get('push/public-key')
  @ApiOperation({ summary: "The server's VAPID public key for `pushManager.subscribe` (null when push is off)" })
  @ApiOkResponse({ type: PushPublicKeyDto })
  publicKey(): Promise<PushPublicKeyDto> {
    return this.push.publicKey();
  }

  @Get('members/:memberId/push-subscriptions')
  @ApiOperation({
    summary: "The member's browsers subscribed to push: the push service's host and when (never the endpoint)",
  })
  @ApiOkResponse({ type: [PushSubscriptionDto] })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', uuid) memberId: string,
  ): Promise<PushSubscriptionDto[]> {
    return this.push.list(principal, memberId);
  }

  @Post('members/:memberId/push-subscriptions')
  @ApiOperation({
    summary: "Subscribe this browser to push messages (the member only): the browser's PushSubscription JSON",
  })
  @ApiCreatedResponse({ type: PushSubscribedDto })
  subscribe(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', uuid) memberId: string,
    @Body() body: PushSubscriptionBody,
  ): Promise<PushSubscribedDto> {
    return this.push.subscribe(principal, memberId, {
      endpoint: body.endpoint,
      keys: { p256dh: body.keys.p256dh, auth: body.keys.auth },
    });
  }

  @Delete('members/:memberId/push-subscriptions')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Unsubscribe a browser (the member only), by its endpoint; removing one already gone is no error',
  })
  @ApiNoContentResponse({ description: 'Unsubscribed (or already gone)' })
  async unsubscribe(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', uuid) memberId: string,
    @Body() body: PushEndpointBody,
  ) {
    await this.push.unsubscribe(principal, memberId, body.endpoint);
  }
}
