export * from './calendar-date.js';
export * from './clock.js';
export * from './iso-week.js';
export * from './zone.js';
