/**
 * A start-up problem a person can fix (no Redis, PostgreSQL that cannot run here): the process prints
 * the message, which says how, and exits with `exitCode` instead of a stack trace.
 */
export class SetupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** sysexits.h EX_UNAVAILABLE: a service the process needs cannot be had. */
export const EX_UNAVAILABLE = 69;
