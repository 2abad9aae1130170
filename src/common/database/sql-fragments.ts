import { type RawBuilder, sql } from 'kysely';

/** A half-open [start, end) timestamp range, the shape every `during` column's CHECK constraint demands. */
export function tstzrange(start: Date | string, end: Date | string): RawBuilder<string> {
  return sql<string>`tstzrange(${start}, ${end}, '[)')`;
}

/** A value for a json/jsonb column: node-postgres would turn a JavaScript array into a PostgreSQL array instead. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}
