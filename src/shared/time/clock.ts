/**
 * What time it is, asked by every service instead of `new Date()`, so a test can stand on any day
 * (a week before Christmas, the night the clocks change) without the machine's clock deciding the outcome.
 * Nest injects it by this class (see `ClockModule`); pure code takes `now` as an argument instead.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The machine's clock. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that says what the test tells it to, and moves only when told. */
export class FixedClock extends Clock {
  private current: number;

  constructor(at: Date | string | number) {
    super();
    this.current = new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string | number): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
