import { COMMON_ERRORS } from './common-errors.js';

/**
 * Error catalogues: every error code the API answers with, its HTTP status and a general message, one catalogue per
 * module (`booking-errors.ts`, `capacity-errors.ts`, …), all gathered in `src/error-codes.ts`. A DomainError carries
 * only its code; the exception filter looks the status up here. Each module registers its catalogue and the
 * constraint → code map of its invariants through a provider (`provideErrors`), so nothing depends on import order.
 */
export interface ErrorSpec {
  readonly status: number;
  readonly message: string;
}

export type ErrorCatalogue = Readonly<Record<string, ErrorSpec>>;

/** What a named constraint's violation means to a client: a catalogued code, with a message for this constraint. */
export interface ConstraintError<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
}

export type ConstraintCatalogue<Code extends string = string> = Readonly<Record<string, ConstraintError<Code>>>;

export class ErrorRegistry {
  private readonly codes = new Map<string, ErrorSpec>();
  private readonly constraints = new Map<string, ConstraintError>();

  register(catalogue: ErrorCatalogue, constraints: ConstraintCatalogue = {}): void {
    for (const [code, spec] of Object.entries(catalogue)) {
      const known = this.codes.get(code);
      if (known && known.status !== spec.status)
        throw new Error(`Error code ${code} is catalogued with two statuses (${known.status}, ${spec.status})`);
      this.codes.set(code, spec);
    }
    for (const [name, error] of Object.entries(constraints)) {
      if (!this.codes.has(error.code))
        throw new Error(`Constraint ${name} maps to ${error.code}, which no catalogue lists`);
      this.constraints.set(name, error);
    }
  }

  spec(code: string): ErrorSpec | undefined {
    return this.codes.get(code);
  }

  constraint(name: string): ConstraintError | undefined {
    return this.constraints.get(name);
  }
}

/** The process's registry. Common codes are known from the start; modules add theirs when Nest builds them. */
export const errorRegistry = new ErrorRegistry();
errorRegistry.register(COMMON_ERRORS);

/**
 * A provider that registers a module's catalogue and constraint map when Nest builds the module: list it in the
 * module's providers, e.g. `provideErrors('booking', BOOKING_ERRORS, BOOKING_CONSTRAINTS)`.
 */
export function provideErrors(module: string, catalogue: ErrorCatalogue, constraints: ConstraintCatalogue = {}) {
  return {
    provide: `ERRORS_${module.toUpperCase()}`,
    useFactory: () => {
      errorRegistry.register(catalogue, constraints);
      return catalogue;
    },
  };
}
