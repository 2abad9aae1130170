import { CalendarFeeds1763900400000 } from './1763900400000-calendar-feeds.js';
import { CalendarRenames1763900600000 } from './1763900600000-calendar-renames.js';
import { CalendarRevisionLog1764100010000 } from './1764100010000-calendar-revision-log.js';
import { CalendarErasedMembers1764300000000 } from './1764300000000-calendar-erased-members.js';
import { CalendarRetiredTokens1764300000001 } from './1764300000001-calendar-retired-tokens.js';
import { CalendarStaffDepartures1764300000002 } from './1764300000002-calendar-staff-departures.js';

export const calendarMigrations = [
  CalendarFeeds1763900400000,
  CalendarRenames1763900600000,
  CalendarRevisionLog1764100010000,
  CalendarErasedMembers1764300000000,
  CalendarRetiredTokens1764300000001,
  CalendarStaffDepartures1764300000002,
];
