import type { Language, MessageChannel, MessageEvent, MessagePayload } from './message-types.js';

export const FUND_TIMEZONE = 'Europe/Copenhagen';

export interface MessageTemplate {
  subject: string;
  body: string;
}

/** Names looked up for a message at rendering time (the payload holds only codes). */
export interface RenderContext {
  activityName: string;
  officeName?: string | null;
  address?: string | null;
  /** The booking page, or the programme page for book-now. */
  link: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

/** The only placeholders push and SMS may carry (the database holds the same rule as a CHECK). */
const SHORT_FIELDS = new Set(['activity', 'time', 'office']);
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

const LOCALE: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

/** Building an Intl.DateTimeFormat costs far more than formatting with one, and every message formats a time. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: FUND_TIMEZONE, ...options });
    formatters.set(key, format);
  }
  return format;
}
const WEEKDAY_DAY_MONTH: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' };
const HOUR_MINUTE: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "tirsdag 10. februar kl. 10:00" / "Tuesday 10 February at 10:00", on Copenhagen's wall clock. */
export function formatAppointmentTime(instant: Date, language: Language): string {
  const date = formatter(LOCALE[language], WEEKDAY_DAY_MONTH).format(instant);
  const time = formatter('en-GB', HOUR_MINUTE).format(instant);
  return language === 'da' ? `${date} kl. ${time}` : `${date} at ${time}`;
}

/** A booking deadline: the last local day of a window ending at `end` (exclusive), e.g. "10. februar". */
export function formatDeadline(end: Date, language: Language): string {
  return formatter(LOCALE[language], DAY_MONTH).format(new Date(end.getTime() - 1000));
}

/**
 * Fills a template. Push and SMS get only activity, time and office, whatever the template asks for, so a
 * reworded template cannot leak a reason or an address to a lock screen.
 */
export function renderMessage(
  template: MessageTemplate,
  event: MessageEvent,
  channel: MessageChannel,
  language: Language,
  payload: MessagePayload,
  context: RenderContext,
): RenderedMessage {
  const bookNow = event === 'book-now-open' || event === 'book-now-closing';
  const time = bookNow
    ? payload.bookBy
      ? formatDeadline(new Date(payload.bookBy), language)
      : ''
    : payload.start
      ? formatAppointmentTime(new Date(payload.start), language)
      : '';
  const fields: Record<string, string> = {
    activity: context.activityName,
    time,
    office: context.officeName ?? '',
    address:
      payload.meetingChannel && payload.meetingChannel !== 'in-person'
        ? meetingChannelText(payload.meetingChannel, language)
        : (context.address ?? ''),
    reason: payload.reason ?? '',
    previousTime: payload.previousStart ? formatAppointmentTime(new Date(payload.previousStart), language) : '',
    link: context.link,
  };
  const short = channel === 'sms' || channel === 'push';
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_, name: string) => (short && !SHORT_FIELDS.has(name) ? '' : (fields[name] ?? '')));
  return {
    subject: fill(template.subject).trim(),
    text: fill(template.body)
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}

function meetingChannelText(channel: string, language: Language): string {
  if (channel === 'phone') return language === 'da' ? 'Mødet er et telefonmøde.' : 'The meeting is by phone.';
  return language === 'da' ? 'Mødet er et videomøde.' : 'The meeting is by video.';
}

/** Plain text as minimal HTML: escaped, paragraphs kept, links clickable. */
export function textToHtml(subject: string, text: string, footer?: string): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const linkify = (s: string) => escape(s).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${p.split('\n').map(linkify).join('<br>')}</p>`);
  const foot = footer ? `<p style="font-size:small;color:#555">${linkify(footer)}</p>` : '';
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body>${paragraphs.join('')}${foot}</body></html>`;
}

/** "tirsdag 30. marts" / "Tuesday 30 March" for a Copenhagen calendar date (YYYY-MM-DD). */
export function formatLocalDate(date: string, language: Language): string {
  // Noon UTC of the date is the same calendar date in Copenhagen, whatever the season.
  return formatter(LOCALE[language], WEEKDAY_DAY_MONTH).format(new Date(`${date}T12:00:00Z`));
}

const clock = (instant: string) => formatter('en-GB', HOUR_MINUTE).format(new Date(instant));

/**
 * The adviser's day: one line per appointment with time, activity, office and room (and a session's number of
 * participants), in time order. No member's name or number: the e-mail leaves the service, the app shows who.
 */
export function renderAdviserDay(
  template: MessageTemplate,
  language: Language,
  payload: MessagePayload,
  names: { activity: (code: string) => string; office: (id: string) => string },
  link: string,
): RenderedMessage {
  const participants = (n: number) =>
    language === 'da'
      ? `${n} ${n === 1 ? 'deltager' : 'deltagere'}`
      : `${n} ${n === 1 ? 'participant' : 'participants'}`;
  const lines = [...(payload.appointments ?? [])]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((a) => {
      const place = [names.office(a.officeId), a.room].filter(Boolean).join(', ');
      const extra = a.kind === 'session' && a.participants !== undefined ? ` (${participants(a.participants)})` : '';
      return `${clock(a.start)}–${clock(a.end)}  ${names.activity(a.activityCode)}, ${place}${extra}`;
    });
  const fields: Record<string, string> = {
    date: payload.date ? formatLocalDate(payload.date, language) : '',
    appointments: lines.join('\n'),
    link,
  };
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, name: string) => fields[name] ?? '');
  return {
    subject: fill(template.subject).trim(),
    text: fill(template.body)
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}

/**
 * Slots an optimiser apply withdrew: one line per slot, its time, office and (for a coordinator, when it was
 * someone else's) whose it was, then the session that took its time. No member's name or number.
 */
export function renderSlotsWithdrawn(
  template: MessageTemplate,
  language: Language,
  payload: MessagePayload,
  names: { activity: (code: string) => string; office: (id: string) => string; staff: (id: string) => string },
  recipientStaffId: string | null,
  link: string,
): RenderedMessage {
  const lines = [...(payload.withdrawals ?? [])]
    .sort((a, b) => a.start.localeCompare(b.start) || a.slotId.localeCompare(b.slotId))
    .map((w) => {
      const owner = w.staffId !== recipientStaffId ? `${names.staff(w.staffId)}: ` : '';
      const slot = `${formatAppointmentTime(new Date(w.start), language)}–${clock(w.end)}, ${names.office(w.officeId)}`;
      const place = [names.office(w.sessionOfficeId), w.room].filter(Boolean).join(', ');
      const session = `${names.activity(w.sessionActivityCode)} ${formatAppointmentTime(new Date(w.sessionStart), language)}–${clock(w.sessionEnd)}, ${place}`;
      return language === 'da'
        ? `- ${owner}${slot}. Erstattet af ${session}.`
        : `- ${owner}${slot}. Replaced by ${session}.`;
    });
  const fields: Record<string, string> = { withdrawals: lines.join('\n'), link };
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, name: string) => fields[name] ?? '');
  return {
    subject: fill(template.subject).trim(),
    text: fill(template.body)
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}
