import { MessagingSchema1765300000000 } from './1765300000000-messaging-schema.js';

export const messagingMigrations = [MessagingSchema1765300000000];
