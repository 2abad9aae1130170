import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';

// The same UUIDs ParseUUIDPipe accepts: versions 1–8 with the RFC variant, and the nil and max UUIDs.
const UUID =
  /^(?:[0-9A-F]{8}-[0-9A-F]{4}-[1-8][0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}|00000000-0000-0000-0000-000000000000|FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF)$/i;

/** A path parameter that is an id: 400 INVALID_ID naming the parameter when it is not a UUID. */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID.test(value)) return value;
    const parameter = metadata.data ?? 'id';
    throw new DomainError(
      'INVALID_ID',
      `The path parameter ${parameter} must be an id (a UUID such as 6f0c4a8e-0000-4000-8000-000000000000).`,
      { parameter },
    );
  }
}
