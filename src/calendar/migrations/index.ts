import { CalendarFeeds1763900400000 } from './1763900400000-calendar-feeds.js';
import { CalendarRenames1763900600000 } from './1763900600000-calendar-renames.js';
import { CalendarRevisionLog1764100010000 } from './1764100010000-calendar-revision-log.js';

export const calendarMigrations = [CalendarFeeds1763900400000, CalendarRenames1763900600000, CalendarRevisionLog1764100010000];
