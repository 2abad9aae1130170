export * from './geo.js';
export * from './time/index.js';
export * from './validation.js';
export * from './vocabulary/index.js';
