import { type RawBuilder, sql } from 'kysely';

/** A half-open [start, end) timestamp range, the shape every `during` column's CHECK constraint demands. */
export function tstzrange(start: Date | string, end: Date | string): RawBuilder<string> {
  return sql<string>`tstzrange(${start}, ${end}, '[)')`;
}

/** A value for a json/jsonb column: node-postgres would turn a JavaScript array into a PostgreSQL array instead. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** A `YYYY-MM-DD` calendar date as a parameter compared with a `date` column. */
export function isoDate(value: string): RawBuilder<Date> {
  return sql<Date>`${value}::date`;
}

/** Whether an optional filter was given: undefined and null both mean "no filter", as `$1 IS NULL OR …` did. */
export function given<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}
