import type { Schema } from '../../api/client';

/** A run in one of these states changes no more: stop polling it. */
export const FINISHED = new Set(['done', 'failed', 'cancelled']);

export type Proposal = Schema<'ProposalDto'>;
export type ApplyAnswer = Schema<'ApplyResultDto'>;
