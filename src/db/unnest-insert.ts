import { type RawBuilder, sql } from 'kysely';

/** Element types the bulk inserts use (a closed list: it is spliced into the SQL text). */
export type ElementType = 'int' | 'text' | 'real' | 'date' | 'timestamptz' | 'jsonb';

/**
 * `insert into <table> (<columns>) select * from unnest($1::int[], $2::text[], ...)`: one
 * array parameter per column, whatever the row count. A multi-row VALUES list takes one
 * parameter per value and fails past Postgres's 65,535 (about 5,000 statements of 13
 * columns); this also keeps one SQL text (one prepared statement) for every row count.
 * Every column's array must have one element per row, in the same order. Append
 * `on conflict ...` or `returning ...` with another sql fragment. `overridingSystemValue`:
 * the rows carry their own values for a `generated always as identity` column (ids taken
 * from its sequence beforehand).
 */
export function unnestInsert(
  table: string,
  columns: Record<string, [ElementType, readonly unknown[]]>,
  { overridingSystemValue = false } = {},
): RawBuilder<unknown> {
  const entries = Object.entries(columns);
  const lengths = new Set(entries.map(([, [, values]]) => values.length));
  if (lengths.size > 1) throw new Error(`unnestInsert into ${table}: columns of different lengths`);
  return sql`insert into ${sql.table(table)} (${sql.join(entries.map(([name]) => sql.ref(name)))})${sql.raw(overridingSystemValue ? ' overriding system value' : '')}
    select * from unnest(${sql.join(entries.map(([, [type, values]]) => sql`${values}::${sql.raw(type)}[]`))})`;
}
