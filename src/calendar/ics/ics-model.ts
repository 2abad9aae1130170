import { COPENHAGEN } from '../../shared/time/zone.js';
export type IcsEventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

/** Display zone of every feed unless an event says otherwise. */
export const DEFAULT_ICS_TIMEZONE = COPENHAGEN;

export interface IcsEvent {
  /** Stable per row (e.g. `booking-42@akasse.example`); printable ASCII without `,;\`. */
  uid: string;
  /** Non-negative integer, bumped on time/status/location changes. */
  sequence: number;
  /** Instants; whole seconds are kept (iCalendar has no sub-second precision). `end` must be after `start`. */
  start: Date;
  end: Date;
  /** IANA zone the event is displayed in; needs a VTIMEZONE in @touch4it/ical-timezones. */
  timezone: string;
  summary: string;
  description?: string;
  location?: string;
  /** Absolute http(s) URL. */
  url?: string;
  status: IcsEventStatus;
  createdAt: Date;
  /** Becomes DTSTAMP and LAST-MODIFIED, so the same row always renders the same bytes. */
  updatedAt: Date;
  categories?: string[];
  /** Where the event comes from (e.g. `booking:<id>`), for reports of events that could not be rendered; never printed. */
  ref?: string;
}

/** An event left out of (or changed in) a feed: which one, and a fixed phrase, never the offending value. */
export interface IcsProblem {
  ref?: string;
  problem: string;
}

export interface IcsCalendar {
  name: string;
  description?: string;
  /** Positive whole minutes; 60 for the subscription feeds. */
  refreshIntervalMinutes: number;
  events: IcsEvent[];
  /** iTIP method (RFC 5546) for a calendar sent as an invitation or cancellation; feeds have none. */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
}
