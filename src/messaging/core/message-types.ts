export const MESSAGE_CHANNELS = ['inbox', 'email', 'sms', 'push'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
/** Channels that leave the service; the inbox is always on. */
export const EXTERNAL_CHANNELS = ['email', 'sms', 'push'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];
export type Language = 'da' | 'en';

/** Messages caused by a change to one booking, decided in the transaction of that change. */
export const BOOKING_EVENTS = [
  'booking-confirmed',
  'booking-rescheduled',
  'booking-cancelled',
  'booking-cancelled-by-office',
  'session-moved',
  'waitlist-promoted',
  'summons',
] as const;
export type BookingEvent = (typeof BOOKING_EVENTS)[number];
/** Messages found by the scheduler. */
export type TimedEvent = 'reminder' | 'book-now-open' | 'book-now-closing';
/** Messages to staff: the adviser's morning summary, and slots an optimiser apply withdrew for group sessions. */
export type StaffEvent = 'adviser-day' | 'slots-withdrawn';
export type MessageEvent = BookingEvent | TimedEvent | StaffEvent;
/** Every event, for the API's response schemas. */
export const MESSAGE_EVENTS = [
  ...BOOKING_EVENTS,
  'reminder',
  'book-now-open',
  'book-now-closing',
  'adviser-day',
] as const satisfies readonly MessageEvent[];
/** ck_message_status. */
export const MESSAGE_STATUSES = ['pending', 'queued', 'sending', 'sent', 'retrying', 'dead', 'skipped'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
/** ck_message_delivery_state. */
export const DELIVERY_STATES = ['queued', 'sending', 'sent', 'failed', 'dead', 'skipped', 'deferred'] as const;

/** What a message says, stored with it when decided: codes and instants, never names or case data. */
export interface MessagePayload {
  bookingId?: string;
  programmeItemId?: string;
  activityCode: string;
  officeId?: string | null;
  /** Appointment start and end (booking events, reminders). */
  start?: string;
  end?: string;
  /** in-person, phone, video. */
  meetingChannel?: string;
  uid?: string;
  sequence?: number;
  reason?: string | null;
  /** Book-now: the end of the booking window. */
  bookBy?: string;
  /** Reminder: hours before the appointment. */
  hoursBefore?: number;
  /** Session moved: the time before the move. */
  previousStart?: string;
  previousEnd?: string;
  /** Adviser's day: the Copenhagen date and the day's appointments (no member names or numbers). */
  date?: string;
  appointments?: AdviserDayAppointment[];
  /** Slots withdrawn: the optimiser run whose apply withdrew them, and each slot with the session that took its time. */
  runId?: string;
  withdrawals?: SlotWithdrawal[];
}

/** One withdrawn slot (its owner, time and office) and the group session that replaces it. */
export interface SlotWithdrawal {
  slotId: string;
  staffId: string;
  start: string;
  end: string;
  officeId: string;
  sessionId: string;
  sessionStart: string;
  sessionEnd: string;
  sessionActivityCode: string;
  sessionOfficeId: string;
  room?: string | null;
}

/** One line of the adviser's day: time, activity, office and room; a session's seats taken. */
export interface AdviserDayAppointment {
  start: string;
  end: string;
  activityCode: string;
  officeId: string;
  room?: string | null;
  kind: 'slot' | 'session';
  participants?: number;
}
