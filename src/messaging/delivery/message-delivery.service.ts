import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../common/config/config.module.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { CalendarRepository } from '../../calendar/calendar.repository.js';
import { bookingEvent, feedCalendar } from '../../calendar/feed-events.js';
import { renderIcs } from '../../calendar/ics/index.js';
import type { ExternalChannel, MessageEvent } from '../core/message-types.js';
import { quietHoursRelease } from '../core/quiet-hours.js';
import { renderAdviserDay, renderMessage, textToHtml } from '../core/render.js';
import { Clock, localDate } from '../../shared/time/index.js';
import { Batcher } from '../core/batcher.js';
import { type ClaimedMessage, type FinishedState, type FinishedStatus, MessagingRepository } from '../messaging.repository.js';
import { UnsubscribeTokens } from '../unsubscribe-token.js';
import { CHANNEL_SENDERS, type ChannelSender, type OutgoingMessage, PermanentDeliveryError, RecipientGoneError } from './channel.js';

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

export type DeliveryOutcome = 'sent' | 'skipped' | 'deferred' | 'not-claimed';

/** Sends one message: claim, check it is still true, render, hand to the channel, log the answer. */
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

  /** Claims of the jobs running at the same moment go to PostgreSQL together (one statement per batch). */
  private readonly claims = new Batcher<string, ClaimedMessage | undefined>(async (ids) => {
    const rows = new Map((await this.messages.claimManyForSending(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id));
  });

  /** Results likewise: a message is `sending` until its result is written, so a crash in between counts it as in flight. */
  private readonly results = new Batcher<{ id: string; status: FinishedStatus; state: FinishedState; detail: string }, void>(async (results) => {
    await this.messages.finishMany(results);
    return results.map(() => undefined);
  });

  /** Messages claimed and finished per statement; 1 sends each on its own (the benchmark's comparison). */
  setBatchSize(size: number): void {
    this.claims.maxSize = size;
    this.results.maxSize = size;
  }

  private finish(id: string, status: FinishedStatus, state: FinishedState, detail: string): Promise<void> {
    return this.results.load({ id, status, state, detail });
  }

  /**
   * @param lastAttempt a failure now is final: the message becomes a dead letter.
   * @throws on a failure worth retrying (the queue retries with backoff); PermanentDeliveryError when not.
   */
  async deliver(messageId: string, lastAttempt: boolean, now = this.clock()): Promise<DeliveryOutcome> {
    const message = await this.claims.load(messageId);
    if (!message) return 'not-claimed';
    const channel = message.channel as ExternalChannel;
    const sender = this.senders.get(channel);
    const skip = this.reasonToSkip(message, sender, now);
    if (skip) {
      await this.finish(message.id, 'skipped', 'skipped', skip);
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
      await this.finish(message.id, 'sent', 'sent', answer);
      return 'sent';
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const final = lastAttempt || error instanceof PermanentDeliveryError;
      if (error instanceof RecipientGoneError) await this.finish(message.id, 'skipped', 'failed', text);
      else await this.finish(message.id, final ? 'dead' : 'retrying', final ? 'dead' : 'failed', text);
      throw error;
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
    if (message.channel === 'sms' && !message.phone) return 'the member has no phone number';
    if (message.event === 'reminder') {
      const start = message.payload.start ? new Date(message.payload.start).getTime() : Number.NaN;
      if (message.bookingStatus !== 'booked' || message.bookingStart?.getTime() !== start) return 'the appointment was cancelled or moved';
      if (start <= now.getTime()) return 'the appointment has begun';
    }
    if ((message.event === 'book-now-open' || message.event === 'book-now-closing') && message.payload.bookBy && new Date(message.payload.bookBy) <= now) {
      return 'the booking window has closed';
    }
    return undefined;
  }

  private async compose(message: ClaimedMessage, channel: ExternalChannel): Promise<OutgoingMessage> {
    const base = this.config.publicBaseUrl;
    if (message.event === 'adviser-day' || !message.memberId) return this.composeForStaff(message);
    const link = message.payload.bookingId ? `${base}/member?booking=${message.payload.bookingId}` : `${base}/member`;
    const rendered = renderMessage({ subject: message.subject ?? '', body: message.body ?? '' }, message.event, channel, message.language, message.payload, {
      activityName: message.activityName ?? message.payload.activityCode,
      officeName: message.officeName,
      address: message.street ? `${message.street}, ${message.postcode} ${message.city}` : null,
      link,
    });
    const memberId = message.memberId;
    if (channel === 'push') return { messageId: message.id, to: memberId, subject: rendered.subject, text: rendered.text, url: pushUrl(message.payload.bookingId) };
    if (channel !== 'email') return { messageId: message.id, to: message.phone ?? memberId, subject: rendered.subject, text: rendered.text, url: link };
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

  /** The adviser's day: the list rendered with names looked up once; turned off in the staff member's settings, not by a link. */
  private async composeForStaff(message: ClaimedMessage): Promise<OutgoingMessage> {
    const appointments = message.payload.appointments ?? [];
    const names = await this.messages.names([...new Set(appointments.map((a) => a.activityCode))], [...new Set(appointments.map((a) => a.officeId))], message.language);
    const link = `${this.config.publicBaseUrl}/app/`;
    const rendered = renderAdviserDay({ subject: message.subject ?? '', body: message.body ?? '' }, message.language, message.payload, {
      activity: (code) => names.activities.get(code) ?? code,
      office: (id) => names.offices.get(id) ?? '',
    }, link);
    const footer = STAFF_FOOTER[message.language];
    return { messageId: message.id, to: message.email!, subject: rendered.subject, text: `${rendered.text}\n\n--\n${footer}`, html: textToHtml(rendered.subject, rendered.text, footer) };
  }

  /** The booking's event as the member's feed has it (same UID), at the SEQUENCE and time of this change. */
  private async ics(message: ClaimedMessage): Promise<OutgoingMessage['ics']> {
    const method = ICS_METHOD[message.event];
    const { bookingId, start, end, sequence } = message.payload;
    if (!method || !bookingId || !start || !end || sequence === undefined) return undefined;
    const row = await this.calendar.bookingEvent(bookingId);
    if (!row) return undefined;
    const event = bookingEvent({ ...row, start: new Date(start), end: new Date(end), sequence, cancelled: method === 'CANCEL' }, this.config.publicBaseUrl);
    return { method, content: renderIcs({ ...feedCalendar('A-kassen', [event]), method }) };
  }
}
