export type IcsEventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

/** Display zone of every feed unless an event says otherwise. */
export const DEFAULT_ICS_TIMEZONE = 'Europe/Copenhagen';

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
}

export interface IcsCalendar {
  name: string;
  description?: string;
  /** Positive whole minutes; 60 for the subscription feeds. */
  refreshIntervalMinutes: number;
  events: IcsEvent[];
}
