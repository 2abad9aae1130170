import { type RawBuilder, sql } from 'kysely';

/**
 * `= ANY($1::uuid[])`: one array parameter however long the list (an IN list takes one parameter per value, and
 * the optimiser's lists of members and items can pass PostgreSQL's 65,535). Compare with `=`: `.where(col, '=', anyOf(ids, 'uuid'))`.
 */
export function anyOf<T extends string>(values: readonly T[], type: 'uuid' | 'text'): RawBuilder<T> {
  return sql<T>`ANY(${values}::${sql.raw(type)}[])`;
}
