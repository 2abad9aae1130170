import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { findUnsafeText } from '../validation/text.js';
import type { ErrorCode } from '../../error-codes.js';
import { DomainError } from './domain-error.js';

export interface FieldProblem {
  field: string;
  problems: string[];
}

interface RuleCode {
  statusCode: number;
  code: string;
}

interface FlatProblem extends FieldProblem {
  /** The code each failed rule asks for (via its `context`), or undefined for a plain validation failure. */
  codes: (RuleCode | undefined)[];
}

function flatten(errors: ValidationError[], parent = ''): FlatProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const rules = Object.keys(error.constraints ?? {});
    const own =
      rules.length > 0
        ? [
            {
              field,
              problems: Object.values(error.constraints!),
              codes: rules.map((rule) => error.contexts?.[rule] as RuleCode | undefined),
            },
          ]
        : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** One 400 VALIDATION_FAILED naming every field, unless every failed rule asks for the same more specific answer. */
function toDomainError(flat: FlatProblem[]): DomainError {
  const fields = flat.map(({ field, problems }) => ({ field, problems }));
  const codes = flat.flatMap((f) => f.codes);
  const [first] = codes;
  if (first && codes.every((c) => c?.code === first.code && c.statusCode === first.statusCode)) {
    return new DomainError(first.code as ErrorCode, fields.map((f) => f.problems.join('; ')).join(' '), { fields });
  }
  const message = `Invalid request: ${fields.map((f) => `${f.field} (${f.problems.join('; ')})`).join(', ')}`;
  return new DomainError('VALIDATION_FAILED', message, { fields });
}

/**
 * The global pipe: before class-transformer sees a body or query, text that PostgreSQL or the validators
 * cannot take (NUL, unpaired surrogates) is refused naming its field; then the DTO's own rules.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unsafe = findUnsafeText(value, metadata.type);
      if (unsafe) throw toDomainError([{ field: unsafe.field, problems: [unsafe.problem], codes: [undefined] }]);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => toDomainError(flatten(errors)),
  });
}
