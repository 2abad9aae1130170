export * from './activities.js';
export * from './roles.js';
export * from './statuses.js';
export * from './target-groups.js';
export * from './transitions.js';
