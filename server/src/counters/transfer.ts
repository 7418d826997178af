import Joi from 'joi';
import type { Knex } from 'knex';
import { chunked } from '../index-store/batches';
import { DOCUMENT_ID } from '../validation/patterns';
import { COUNTER_TABLES } from './tables';

/**
 * Views, reactions and their hourly history as JSON Lines, to carry them where `strapi export`,
 * `import` and `transfer` do not (they carry content types only). The first line names the
 * format; each other line is one stored row. Importing sets each row to the file's value, so
 * importing a file twice gives the same counts as importing it once.
 */
export const COUNTERS_FORMAT = 'strapi-plugin-newsroom/counters';
export const COUNTERS_VERSION = 1;

export interface CounterHeader {
  format: typeof COUNTERS_FORMAT;
  version: typeof COUNTERS_VERSION;
  exportedAt: string;
}

interface Keyed {
  documentId: string;
  locale: string;
}

export interface BucketLine extends Keyed {
  table: 'buckets';
  metric: 'view' | 'reaction';
  kind: string;
  hour: number;
  count: number;
}

export interface TotalLine extends Keyed {
  table: 'totals';
  metric: 'view' | 'reaction';
  kind: string;
  count: number;
}

export interface ReactionLine extends Keyed {
  table: 'reactions';
  kind: string;
  visitorHash: string;
  hour: number;
}

export type CounterLine = BucketLine | TotalLine | ReactionLine;

export interface CounterImport {
  buckets: BucketLine[];
  totals: TotalLine[];
  reactions: ReactionLine[];
}

const keyed = {
  documentId: Joi.string().pattern(DOCUMENT_ID).required(),
  locale: Joi.string().max(32).required(),
};
const metric = Joi.string().valid('view', 'reaction').required();
const kind = Joi.string().allow('').max(32).required();
const hour = Joi.number().integer().min(0).max(100_000_000).required();
const count = Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).required();

const headerSchema = Joi.object<CounterHeader>({
  format: Joi.string().valid(COUNTERS_FORMAT).required(),
  version: Joi.number().valid(COUNTERS_VERSION).required(),
  exportedAt: Joi.string().isoDate().required(),
});

/** One closed schema per kind of line: an unknown key is an error. */
const lineSchemas: Record<CounterLine['table'], Joi.ObjectSchema> = {
  buckets: Joi.object({ table: Joi.string().valid('buckets').required(), ...keyed, metric, kind, hour, count }),
  totals: Joi.object({ table: Joi.string().valid('totals').required(), ...keyed, metric, kind, count }),
  reactions: Joi.object({
    table: Joi.string().valid('reactions').required(),
    ...keyed,
    kind,
    visitorHash: Joi.string()
      .pattern(/^[A-Za-z0-9_-]{1,64}$/)
      .required(),
    hour,
  }),
};
const tableSchema = Joi.object({
  table: Joi.string()
    .valid(...Object.keys(lineSchemas))
    .required(),
}).unknown(true);

export class CounterFileError extends Error {}

const json = (text: string, line: number): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new CounterFileError(`line ${line}: not JSON`);
  }
};

const check = <T>(schema: Joi.Schema<T>, value: unknown, line: number): T => {
  const { error, value: valid } = schema.validate(value, { convert: false });
  if (error) throw new CounterFileError(`line ${line}: ${error.message}`);
  return valid;
};

/** Reads and checks a whole file before anything is written: a bad line changes nothing. */
export const readCounterLines = async (lines: AsyncIterable<string> | Iterable<string>): Promise<CounterImport> => {
  const found: CounterImport = { buckets: [], totals: [], reactions: [] };
  let number = 0;
  let header = false;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    const value = json(text, number);
    if (!header) {
      check(headerSchema, value, number);
      header = true;
      continue;
    }
    const { table } = check(tableSchema, value, number) as { table: CounterLine['table'] };
    const line = check(lineSchemas[table], value, number) as CounterLine;
    if (line.table === 'buckets') found.buckets.push(line);
    else if (line.table === 'totals') found.totals.push(line);
    else found.reactions.push(line);
  }
  if (!header) throw new CounterFileError(`the file is empty: its first line must name the format "${COUNTERS_FORMAT}"`);
  return found;
};

const PAGE = 5000;

/**
 * Every row of one table, a page at a time in key order: each page starts after the last key
 * seen (a row-value comparison, on every supported database), so a million rows never sit in
 * memory and no page rescans the ones before it.
 */
async function* pages(db: Knex, table: string, keys: string[]): AsyncGenerator<Array<Record<string, unknown>>> {
  let after: unknown[] | undefined;
  for (;;) {
    const query = db(table).select('*').orderBy(keys).limit(PAGE);
    if (after) query.whereRaw(`(${keys.map(() => '??').join(', ')}) > (${keys.map(() => '?').join(', ')})`, [...keys, ...after]);
    const rows: Array<Record<string, unknown>> = await query;
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    after = keys.map((key) => last[key]);
  }
}

/** The file's lines, header first. */
export async function* exportCounterLines(db: Knex, now = new Date()): AsyncGenerator<string> {
  const header: CounterHeader = { format: COUNTERS_FORMAT, version: COUNTERS_VERSION, exportedAt: now.toISOString() };
  yield JSON.stringify(header);
  for await (const rows of pages(db, COUNTER_TABLES.buckets, ['document_id', 'locale', 'metric', 'kind', 'hour'])) {
    for (const row of rows) {
      const line: BucketLine = {
        table: 'buckets',
        documentId: String(row.document_id),
        locale: String(row.locale),
        metric: row.metric as BucketLine['metric'],
        kind: String(row.kind),
        hour: Number(row.hour),
        count: Number(row.count),
      };
      yield JSON.stringify(line);
    }
  }
  for await (const rows of pages(db, COUNTER_TABLES.totals, ['document_id', 'locale', 'metric', 'kind'])) {
    for (const row of rows) {
      const line: TotalLine = {
        table: 'totals',
        documentId: String(row.document_id),
        locale: String(row.locale),
        metric: row.metric as TotalLine['metric'],
        kind: String(row.kind),
        count: Number(row.count),
      };
      yield JSON.stringify(line);
    }
  }
  for await (const rows of pages(db, COUNTER_TABLES.reactions, ['document_id', 'locale', 'kind', 'visitor_hash'])) {
    for (const row of rows) {
      const line: ReactionLine = {
        table: 'reactions',
        documentId: String(row.document_id),
        locale: String(row.locale),
        kind: String(row.kind),
        visitorHash: String(row.visitor_hash),
        hour: Number(row.hour),
      };
      yield JSON.stringify(line);
    }
  }
}

/** Writes a checked file in one transaction: each row takes the file's value; rows not in the file stay. */
export const importCounterLines = async (db: Knex, file: CounterImport): Promise<{ buckets: number; totals: number; reactions: number }> => {
  await db.transaction(async (trx) => {
    for (const chunk of chunked(file.buckets)) {
      await trx(COUNTER_TABLES.buckets)
        .insert(
          chunk.map((line) => ({
            document_id: line.documentId,
            locale: line.locale,
            metric: line.metric,
            kind: line.kind,
            hour: line.hour,
            count: line.count,
          })),
        )
        .onConflict(['document_id', 'locale', 'metric', 'kind', 'hour'])
        .merge(['count']);
    }
    for (const chunk of chunked(file.totals)) {
      await trx(COUNTER_TABLES.totals)
        .insert(chunk.map((line) => ({ document_id: line.documentId, locale: line.locale, metric: line.metric, kind: line.kind, count: line.count })))
        .onConflict(['document_id', 'locale', 'metric', 'kind'])
        .merge(['count']);
    }
    for (const chunk of chunked(file.reactions)) {
      await trx(COUNTER_TABLES.reactions)
        .insert(chunk.map((line) => ({ document_id: line.documentId, locale: line.locale, kind: line.kind, visitor_hash: line.visitorHash, hour: line.hour })))
        .onConflict(['document_id', 'locale', 'kind', 'visitor_hash'])
        .ignore();
    }
  });
  return { buckets: file.buckets.length, totals: file.totals.length, reactions: file.reactions.length };
};
