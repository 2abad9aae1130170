import { MessagingSchema1765300000000 } from './1765300000000-messaging-schema.js';
import { PushDevKey1766200000000 } from './1766200000000-push-dev-key.js';
import { StaffMessagesAndMoves1766300000000 } from './1766300000000-staff-messages-and-moves.js';
import { MessageJobBatches1767000000000 } from './1767000000000-message-job-batches.js';
import { SlotsWithdrawnMessage1767300000000 } from './1767300000000-slots-withdrawn-message.js';

export const messagingMigrations = [
  MessagingSchema1765300000000,
  PushDevKey1766200000000,
  StaffMessagesAndMoves1766300000000,
  MessageJobBatches1767000000000,
  SlotsWithdrawnMessage1767300000000,
];
