import type { Knex } from 'knex';

export type Row = Record<string, unknown>;

/** What `knex.raw` resolves to for a select: rows (SQLite), a result holding them (PostgreSQL), or rows and fields (MySQL). */
const rowsOf = (result: unknown): Row[] => {
  if (Array.isArray(result)) return (Array.isArray(result[0]) ? result[0] : result) as Row[];
  return ((result as { rows?: Row[] } | null)?.rows ?? []) as Row[];
};

/**
 * A select whose SQL is compiled once per connection and then run with new values: knex takes
 * longer to build a save's small queries than the database takes to run them. `build` gets
 * `markers` where the values go; each binding equal to a marker is replaced by that argument.
 * Markers start with a NUL, which no stored value holds.
 */
export const compiledSelect = <Args extends unknown[]>(markers: { [K in keyof Args]: string }, build: (db: Knex, ...values: Args) => Knex.QueryBuilder) => {
  const compiled = new WeakMap<Knex, Knex.Sql>();
  return async (db: Knex, ...values: Args): Promise<Row[]> => {
    let sql = compiled.get(db);
    if (!sql) {
      sql = build(db, ...(markers as unknown as Args)).toSQL();
      compiled.set(db, sql);
    }
    const bindings = sql.bindings.map((binding) => {
      const at = typeof binding === 'string' ? markers.indexOf(binding) : -1;
      return at < 0 ? binding : values[at];
    });
    return rowsOf(await db.raw(sql.sql, bindings as Knex.RawBinding[]));
  };
};
