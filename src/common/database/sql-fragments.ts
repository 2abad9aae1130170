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

/**
 * `= ANY($1::uuid[])`: one array parameter however long the list (an IN list takes one parameter per value, and the
 * optimiser's lists of members and items can pass PostgreSQL's 65,535). Compare with `=`:
 * `.where(col, '=', anyOf(ids, 'uuid'))`.
 */
export function anyOf<T extends string>(values: readonly T[], type: 'uuid' | 'text'): RawBuilder<T> {
  return sql<T>`ANY(${values}::${sql.raw(type)}[])`;
}
