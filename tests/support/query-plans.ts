import type { Knex } from 'knex';

export interface Statement {
  sql: string;
  bindings: readonly unknown[];
}

/** Every statement `knex` sends while `task` runs, as it sends them. */
export const statementsDuring = async (knex: Knex, task: () => Promise<unknown>): Promise<Statement[]> => {
  const statements: Statement[] = [];
  const record = (query: { sql: string; bindings?: readonly unknown[] }): void => {
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  };
  knex.on('query', record);
  try {
    await task();
  } finally {
    knex.off('query', record);
  }
  return statements;
};

/** How SQLite runs a statement: one line per step of its plan. */
export const sqlitePlan = async (knex: Knex, { sql, bindings }: Statement): Promise<string[]> => {
  const steps: Array<{ detail: string }> = await knex.raw(`explain query plan ${sql}`, bindings as never);
  return steps.map((step) => step.detail);
};
