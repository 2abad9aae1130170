import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../common/config/config.module.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { CalendarRepository } from '../../calendar/calendar.repository.js';
import { bookingEvent, feedCalendar } from '../../calendar/feed-events.js';
import { renderIcs } from '../../calendar/ics/index.js';
import type { ExternalChannel, MessageEvent } from '../core/message-types.js';
import { quietHoursRelease } from '../core/quiet-hours.js';
import { renderAdviserDay, renderMessage, renderSlotsWithdrawn, textToHtml } from '../core/render.js';
import { Clock, localDate } from '../../shared/time/index.js';
import { RESULTS_PER_STATEMENT, SENDS_IN_FLIGHT, STALE_CLAIM_MS, retryDelayMs } from '../core/job-shape.js';
import {
  type ClaimedMessage,
  type DeliveryResult,
  type FinishedState,
  type FinishedStatus,
  MessagingRepository,
} from '../messaging.repository.js';
import { UnsubscribeTokens } from '../unsubscribe-token.js';
import {
  CHANNEL_SENDERS,
  type ChannelSender,
  type OutgoingMessage,
  PermanentDeliveryError,
  RecipientGoneError,
} from './channel.js';

/** Backoff before a failed message's second attempt; doubled for each further one. */
export const BACKOFF_MS = 2000;

const ICS_METHOD: Partial<Record<MessageEvent, 'REQUEST' | 'CANCEL'>> = {
  'booking-confirmed': 'REQUEST',
  'booking-rescheduled': 'REQUEST',
  'session-moved': 'REQUEST',
  'waitlist-promoted': 'REQUEST',
  summons: 'REQUEST',
  'booking-cancelled': 'CANCEL',
  'booking-cancelled-by-office': 'CANCEL',
};

const FOOTER: Record<'da' | 'en', string> = {
  da: 'Du får denne besked fra din a-kasse. Ønsker du ikke flere e-mails, kan du framelde dem her:',
  en: 'This message comes from your unemployment insurance fund. To stop these e-mails, unsubscribe here:',
};

/** A push notification opens the booking's page in the web app (a path: the service worker opens it on its own origin). */
function pushUrl(bookingId: string | undefined): string {
  return bookingId ? `/app/bookings/${encodeURIComponent(bookingId)}` : '/app/member';
}

const STAFF_FOOTER: Record<'da' | 'en', string> = {
  da: 'Du får denne e-mail, fordi du har slået "Din dag" til. Du kan slå den fra under dine indstillinger.',
  en: 'You get this e-mail because you turned on "Your day". You can turn it off in your settings.',
};

const WITHDRAWN_FOOTER: Record<'da' | 'en', string> = {
  da: 'Du får denne e-mail, fordi tider i din kalender eller dit kontors planlægning er ændret.',
  en: "You get this e-mail because times in your calendar or your office's planning changed.",
};

export type DeliveryOutcome = 'sent' | 'skipped' | 'deferred' | 'retrying' | 'dead' | 'failed';

/** What one job did with its batch: the outcome of each message it claimed (none: the batch was already done). */
export type BatchOutcome = Map<string, DeliveryOutcome>;

/**
 * Sends one job's batch: claim it (one statement), check each message is still true, render, hand up to
 * {@link SENDS_IN_FLIGHT} at a time to the channel, and record the answers {@link RESULTS_PER_STATEMENT} per
 * statement. Retries, dead letters and backoff are per message: a failed message goes back as `retrying` and
 * the relay puts it into a later batch; the job itself fails only when PostgreSQL does.
 */
@Injectable()
export class MessageDeliveryService {
  private readonly senders: Map<ExternalChannel, ChannelSender>;
  /** The time quiet hours and staleness are judged by: the injected Clock's (tests may set a fixed one here). */
  clock: () => Date;

  constructor(
    @Inject(MessagingRepository) private readonly messages: MessagingRepository,
    @Inject(CalendarRepository) private readonly calendar: CalendarRepository,
    @Inject(UnsubscribeTokens) private readonly unsubscribe: UnsubscribeTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CHANNEL_SENDERS) senders: ChannelSender[],
    @Inject(Clock) clock: Clock,
  ) {
    this.senders = new Map(senders.map((s) => [s.channel, s]));
    this.clock = () => clock.now();
  }

  async deliverBatch(jobKey: string, now = this.clock()): Promise<BatchOutcome> {
    const batch = await this.messages.claimBatch(jobKey, STALE_CLAIM_MS);
    const outcomes: BatchOutcome = new Map();
    const results = new ResultWriter((rows) => this.messages.finishMany(rows));
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(SENDS_IN_FLIGHT, batch.length) }, async () => {
        for (let i = next++; i < batch.length; i = next++)
          outcomes.set(batch[i].id, await this.deliverOne(batch[i], now, results));
      }),
    );
    await results.close();
    return outcomes;
  }

  private async deliverOne(message: ClaimedMessage, now: Date, results: ResultWriter): Promise<DeliveryOutcome> {
    const channel = message.channel as ExternalChannel;
    const sender = this.senders.get(channel);
    const finish = (status: FinishedStatus, state: FinishedState, detail: string, retryInMs?: number) =>
      results.add({ id: message.id, attempts: message.attempts, status, state, detail, retryInMs });
    const skip = this.reasonToSkip(message, sender, now);
    if (skip) {
      finish('skipped', 'skipped', skip);
      return 'skipped';
    }
    if (channel === 'sms' || channel === 'push') {
      const release = quietHoursRelease(now, message.payload.start ? new Date(message.payload.start) : undefined);
      if (release > now) {
        await this.messages.defer(message.id, release);
        return 'deferred';
      }
    }
    try {
      const outgoing = await this.compose(message, channel);
      const answer = await sender!.send(outgoing);
      finish('sent', 'sent', answer);
      return 'sent';
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof RecipientGoneError) {
        finish('skipped', 'failed', text);
        return 'failed';
      }
      if (error instanceof PermanentDeliveryError || message.attempts >= this.config.messaging.maxAttempts) {
        finish('dead', 'dead', text);
        return 'dead';
      }
      finish('retrying', 'failed', text, retryDelayMs(message.attempts, BACKOFF_MS));
      return 'retrying';
    }
  }

  private reasonToSkip(message: ClaimedMessage, sender: ChannelSender | undefined, now: Date): string | undefined {
    if (!sender?.configured) return `${message.channel} is not configured`;
    if (!message.subject && !message.body) return 'no template for this event, channel and language';
    if (message.channel === 'email' && !message.email) return 'the member has no e-mail address';
    if (message.event === 'adviser-day') {
      if (!message.staffWantsAdviserDay) return "the staff member is inactive or turned the adviser's day off";
      if (message.payload.date !== localDate(now)) return 'the day has passed';
    }
    if (message.staffId && message.staffActive === false) return 'the staff member is inactive';
    if (message.channel === 'sms' && !message.phone) return 'the member has no phone number';
    if (message.event === 'reminder') {
      const start = message.payload.start ? new Date(message.payload.start).getTime() : Number.NaN;
      if (message.bookingStatus !== 'booked' || message.bookingStart?.getTime() !== start)
        return 'the appointment was cancelled or moved';
      if (start <= now.getTime()) return 'the appointment has begun';
    }
    if (
      (message.event === 'book-now-open' || message.event === 'book-now-closing') &&
      message.payload.bookBy &&
      new Date(message.payload.bookBy) <= now
    ) {
      return 'the booking window has closed';
    }
    return undefined;
  }

  private async compose(message: ClaimedMessage, channel: ExternalChannel): Promise<OutgoingMessage> {
    const base = this.config.publicBaseUrl;
    if (message.event === 'adviser-day' || !message.memberId) return this.composeForStaff(message);
    const link = message.payload.bookingId ? `${base}/member?booking=${message.payload.bookingId}` : `${base}/member`;
    const rendered = renderMessage(
      { subject: message.subject ?? '', body: message.body ?? '' },
      message.event,
      channel,
      message.language,
      message.payload,
      {
        activityName: message.activityName ?? message.payload.activityCode,
        officeName: message.officeName,
        address: message.street ? `${message.street}, ${message.postcode} ${message.city}` : null,
        link,
      },
    );
    const memberId = message.memberId;
    if (channel === 'push')
      return {
        messageId: message.id,
        to: memberId,
        subject: rendered.subject,
        text: rendered.text,
        url: pushUrl(message.payload.bookingId),
      };
    if (channel !== 'email')
      return {
        messageId: message.id,
        to: message.phone ?? memberId,
        subject: rendered.subject,
        text: rendered.text,
        url: link,
      };
    const unsubscribeUrl = `${base}/api/messages/unsubscribe?token=${await this.unsubscribe.sign(memberId, 'email')}`;
    const footer = `${FOOTER[message.language]} ${unsubscribeUrl}`;
    return {
      messageId: message.id,
      to: message.email!,
      subject: rendered.subject,
      text: `${rendered.text}\n\n--\n${footer}`,
      html: textToHtml(rendered.subject, rendered.text, footer),
      unsubscribeUrl,
      ics: await this.ics(message),
    };
  }

  /** Withdrawn slots: each line's names looked up once; no unsubscribe link (it is about the recipient's own work). */
  private async composeSlotsWithdrawn(message: ClaimedMessage): Promise<OutgoingMessage> {
    const withdrawals = message.payload.withdrawals ?? [];
    const names = await this.messages.names(
      [...new Set(withdrawals.map((w) => w.sessionActivityCode))],
      [...new Set(withdrawals.flatMap((w) => [w.officeId, w.sessionOfficeId]))],
      message.language,
      [...new Set(withdrawals.map((w) => w.staffId))],
    );
    const rendered = renderSlotsWithdrawn(
      { subject: message.subject ?? '', body: message.body ?? '' },
      message.language,
      message.payload,
      {
        activity: (code) => names.activities.get(code) ?? code,
        office: (id) => names.offices.get(id) ?? '',
        staff: (id) => names.staff.get(id) ?? '',
      },
      message.staffId,
      `${this.config.publicBaseUrl}/app/`,
    );
    const footer = WITHDRAWN_FOOTER[message.language];
    return {
      messageId: message.id,
      to: message.email!,
      subject: rendered.subject,
      text: `${rendered.text}\n\n--\n${footer}`,
      html: textToHtml(rendered.subject, rendered.text, footer),
    };
  }

  /** The adviser's day: the list rendered with names looked up once; turned off in the staff member's settings, not by a link. */
  private async composeForStaff(message: ClaimedMessage): Promise<OutgoingMessage> {
    if (message.event === 'slots-withdrawn') return this.composeSlotsWithdrawn(message);
    const appointments = message.payload.appointments ?? [];
    const names = await this.messages.names(
      [...new Set(appointments.map((a) => a.activityCode))],
      [...new Set(appointments.map((a) => a.officeId))],
      message.language,
    );
    const link = `${this.config.publicBaseUrl}/app/`;
    const rendered = renderAdviserDay(
      { subject: message.subject ?? '', body: message.body ?? '' },
      message.language,
      message.payload,
      {
        activity: (code) => names.activities.get(code) ?? code,
        office: (id) => names.offices.get(id) ?? '',
      },
      link,
    );
    const footer = STAFF_FOOTER[message.language];
    return {
      messageId: message.id,
      to: message.email!,
      subject: rendered.subject,
      text: `${rendered.text}\n\n--\n${footer}`,
      html: textToHtml(rendered.subject, rendered.text, footer),
    };
  }

  /** The booking's event as the member's feed has it (same UID), at the SEQUENCE and time of this change. */
  private async ics(message: ClaimedMessage): Promise<OutgoingMessage['ics']> {
    const method = ICS_METHOD[message.event];
    const { bookingId, start, end, sequence } = message.payload;
    if (!method || !bookingId || !start || !end || sequence === undefined) return undefined;
    const row = await this.calendar.bookingEvent(bookingId);
    if (!row) return undefined;
    const event = bookingEvent(
      { ...row, start: new Date(start), end: new Date(end), sequence, cancelled: method === 'CANCEL' },
      this.config.publicBaseUrl,
    );
    return { method, content: renderIcs({ ...feedCalendar('A-kassen', [event]), method }) };
  }
}

/**
 * Results of a batch, written {@link RESULTS_PER_STATEMENT} per statement while the rest are still sending: a
 * message stays `sending` until its result is written, so a crash in between leaves it to the stale-claim takeover.
 */
class ResultWriter {
  private pending: DeliveryResult[] = [];
  private readonly writes: Promise<void>[] = [];

  constructor(private readonly write: (rows: DeliveryResult[]) => Promise<void>) {}

  add(result: DeliveryResult): void {
    this.pending.push(result);
    if (this.pending.length >= RESULTS_PER_STATEMENT) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    const write = this.write(rows);
    // Awaited in close(); caught here so a failure is not reported unhandled before then.
    write.catch(() => undefined);
    this.writes.push(write);
  }

  async close(): Promise<void> {
    this.flush();
    await Promise.all(this.writes);
  }
}
