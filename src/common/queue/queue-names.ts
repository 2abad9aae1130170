/** Every BullMQ queue of the service, with the payload of its jobs. */
export enum QueueName {
  CapacityAllocation = 'capacity-allocation',
  Optimiser = 'optimiser',
}

export enum CapacityJobName {
  Allocate = 'allocate',
}

export interface CapacityAllocationJobData {
  allocationId: string;
  /** The parameters' key: the worker also runs a later request with the same parameters that found this job still in Redis. */
  paramsKey: string;
}

export enum OptimiserJobName {
  /** Solve one stored run (`optimiser_run` row). */
  Run = 'run',
  /** Made by the nightly job scheduler: request a run for the next 13 weeks. */
  Nightly = 'nightly',
}

export interface OptimiserRunJobData {
  runId: string;
  /** Set by DELETE /api/optimiser/runs/:id; the running solve's watchdog polls it. */
  cancelRequested?: boolean;
}

/** Outgoing messages: one queue per channel, so each has its own rate limit. */
export const MESSAGE_QUEUES = {
  email: 'messages-email',
  sms: 'messages-sms',
  push: 'messages-push',
} as const;
/** The scheduler's scan for due reminders and book-now messages. */
export const MESSAGE_SCAN_QUEUE = 'messages-scan';

/** A delivery job: the key of its batch of messages (`message.job_key`), which the worker claims by. */
export interface MessageJobData {
  jobKey: string;
}
