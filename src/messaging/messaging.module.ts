import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.module.js';
import { provideErrors } from '../common/errors/error-catalogue.js';
import { MESSAGE_QUEUES, MESSAGE_SCAN_QUEUE } from '../common/queue/queue-names.js';
import { CHANNEL_SENDERS, type ChannelSender } from './delivery/channel.js';
import { EmailChannel } from './delivery/email-channel.js';
import { MessageDeliveryService } from './delivery/message-delivery.service.js';
import { MessageRelayService } from './delivery/message-relay.service.js';
import { MessageSchedulerService } from './delivery/message-scheduler.service.js';
import { SmsChannel } from './delivery/sms-channel.js';
import { MessagingController } from './messaging.controller.js';
import { MESSAGING_ERRORS } from './messaging-errors.js';
import { MessagingRepository } from './messaging.repository.js';
import { MessagingService } from './messaging.service.js';
import { UnsubscribeTokens } from './unsubscribe-token.js';
import { PushChannel } from './push/push-channel.js';
import { PushController } from './push/push.controller.js';
import { PushRepository } from './push/push.repository.js';
import { PushService } from './push/push.service.js';
import { VapidKeys } from './push/vapid-keys.js';

/** Members' messages: inbox, preferences, unsubscribe, dead letters. Delivery runs in MessagingWorkerModule. */
@Module({
  imports: [
    BullModule.registerQueue(
      { name: MESSAGE_QUEUES.email },
      { name: MESSAGE_QUEUES.sms },
      { name: MESSAGE_QUEUES.push },
      { name: MESSAGE_SCAN_QUEUE },
    ),
    CalendarModule,
  ],
  controllers: [MessagingController, PushController],
  providers: [
    provideErrors('messaging', MESSAGING_ERRORS),
    MessagingRepository,
    MessagingService,
    UnsubscribeTokens,
    PushRepository,
    VapidKeys,
    PushService,
    MessageDeliveryService,
    MessageRelayService,
    MessageSchedulerService,
    {
      provide: CHANNEL_SENDERS,
      inject: [APP_CONFIG, VapidKeys, PushRepository],
      useFactory: (config: AppConfig, keys: VapidKeys, subscriptions: PushRepository): ChannelSender[] => [
        new EmailChannel(config.messaging.smtpUrl, config.messaging.mailFrom),
        new SmsChannel(config.messaging.smsApiUrl, config.messaging.smsApiKey, config.messaging.smsSender),
        new PushChannel(keys, subscriptions),
      ],
    },
  ],
  exports: [
    MessagingRepository,
    MessageDeliveryService,
    MessageRelayService,
    MessageSchedulerService,
    CHANNEL_SENDERS,
    BullModule,
  ],
})
export class MessagingModule {}
