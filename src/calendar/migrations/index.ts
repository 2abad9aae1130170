import { CalendarFeeds1763900400000 } from './1763900400000-calendar-feeds.js';
import { CalendarRenames1763900600000 } from './1763900600000-calendar-renames.js';

export const calendarMigrations = [CalendarFeeds1763900400000, CalendarRenames1763900600000];
