import { CalendarFeeds1763900400000 } from './1763900400000-calendar-feeds.js';

export const calendarMigrations = [CalendarFeeds1763900400000];
