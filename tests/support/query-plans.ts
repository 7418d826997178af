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

/** Whether one of the statements matches `pattern`, its names quoted with backticks (matched as each database quotes them). */
export const sentOne = (statements: Statement[], pattern: string): boolean => {
  const quoted = new RegExp(pattern.replace(/`/g, '[`"]'));
  return statements.some(({ sql }) => quoted.test(sql));
};

/** How SQLite runs a statement: one line per step of its plan. */
export const sqlitePlan = async (knex: Knex, { sql, bindings }: Statement): Promise<string[]> => {
  const steps: Array<{ detail: string }> = await knex.raw(`explain query plan ${sql}`, bindings as never);
  return steps.map((step) => step.detail);
};

/**
 * Tables whose rows do not grow with the archive: locks, rebuild records (read newest first by
 * their key), the rankings' definitions and their few served entries, the sections, Strapi's
 * settings and roles.
 */
const SMALL_TABLES = new Set([
  'newsroom_related_lock',
  'newsroom_related_rebuilds',
  'newsroom_ranking_lock',
  'newsroom_rankings',
  'newsroom_ranking_lists',
  'newsroom_ranking_entries',
  'newsroom_content_version',
  'newsroom_sections',
  'strapi_core_store_settings',
  'i18n_locale',
  'up_roles',
  'up_permissions',
  // The admin's own: its users, roles, permissions and sessions.
  'admin_users',
  'admin_users_roles_lnk',
  'admin_roles',
  'admin_permissions',
  'admin_permissions_role_lnk',
  'strapi_sessions',
]);

/** A statement's table aliases (`t0`) and names, to the table each stands for (a subquery's alias is none). */
const tablesOf = (sql: string): Map<string, string> => {
  const tables = new Map<string, string>();
  for (const [, table, alias] of sql.matchAll(/(?:from|join|update|into)\s+`(\w+)`(?:\s+as\s+`?(\w+)`?)?/gi)) {
    tables.set(table, table);
    if (alias) tables.set(alias, table);
  }
  return tables;
};

/**
 * The plan steps that read a table of the archive's size from start to end. Allowed: an aggregate
 * over an index alone (a fingerprint: its cost is the index's, by design). Not allowed: the rows
 * themselves, or a page (`order by … limit`) that reads an index from its start.
 */
const fullReads = async (knex: Knex, statement: Statement): Promise<string[]> => {
  const tables = tablesOf(statement.sql);
  const page = /order by/i.test(statement.sql);
  return (await sqlitePlan(knex, statement)).filter((step) => {
    // The rows a statement brings itself (`values (?, ?), …`) are no table.
    const scanned = /^SCAN (?!CONSTANT ROW|\d+-ROW VALUES CLAUSE)(\w+)/.exec(step)?.[1];
    // A subquery's rows are its own steps' (planned beside it), not a table's.
    const table = scanned === undefined ? undefined : tables.get(scanned);
    if (!table || SMALL_TABLES.has(table)) return false;
    return page || !step.includes('USING COVERING INDEX');
  });
};

/**
 * Each distinct statement's plan steps (SQLite's) that read a table of the archive whole, as
 * `step: statement`. At a million articles each such step reads a million rows, in the app's
 * thread on SQLite, where it stops the site. Not planned: transactions' own statements, and the
 * empty delete that takes SQLite's write lock first (it reads no row).
 */
export const archiveReads = async (knex: Knex, statements: Statement[]): Promise<string[]> => {
  const distinct = [...new Map(statements.map((statement) => [statement.sql, statement])).values()];
  const found: string[] = [];
  for (const statement of distinct) {
    if (/^(begin|commit|rollback|savepoint|release)/i.test(statement.sql) || /^delete from `\w+` where 0 = 1$/.test(statement.sql)) continue;
    for (const step of await fullReads(knex, statement)) found.push(`${step}: ${statement.sql.slice(0, 200)}`);
  }
  return found;
};
