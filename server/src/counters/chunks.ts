// Rows per statement. knex writes SQLite's multi-row `insert ... on conflict` as one compound
// SELECT, of at most 500 terms (SQLITE_MAX_COMPOUND_SELECT); far below every bound on parameters.
const CHUNK = 500;

/** Rows cut into statements of at most `CHUNK`. */
export const chunks = <T>(rows: T[]): T[][] => {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += CHUNK) out.push(rows.slice(start, start + CHUNK));
  return out;
};
