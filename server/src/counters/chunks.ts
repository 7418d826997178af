// Rows per statement: far below SQLite's, PostgreSQL's and MySQL's bounds on bound parameters.
const CHUNK = 1000;

/** Rows cut into statements of at most `CHUNK`. */
export const chunks = <T>(rows: T[]): T[][] => {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += CHUNK) out.push(rows.slice(start, start + CHUNK));
  return out;
};
