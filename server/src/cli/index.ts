#!/usr/bin/env node
import fs from 'fs';
import path from 'path';
import readline from 'readline';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { parseArgs } from 'util';
import type { Core } from '@strapi/strapi';
import { CounterFileError, exportCounterLines, readCounterLines, type CounterImport } from '../counters/transfer';
import { getService } from '../services/access';

const USAGE = `Usage, in the folder of the Strapi app that runs the plugin:

  npx strapi-newsroom counters:export --file counters.jsonl
      Writes every view, reaction and hourly count as JSON Lines ("-": standard output).
  npx strapi-newsroom counters:import --file counters.jsonl
      Sets each count of the file (importing it twice gives the same counts), then
      recomputes the rankings. A bad line is reported and nothing is written.

The app's database settings apply, as for "strapi export" and "strapi import".`;

type Strapi = typeof import('@strapi/strapi');

/** Loads the app of the current folder, with the app's own copy of Strapi, and no background work. */
const loadApp = async (): Promise<Core.Strapi> => {
  process.env.NEWSROOM_BACKGROUND = 'off';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileStrapi, createStrapi } = require(require.resolve('@strapi/strapi', { paths: [process.cwd()] })) as Strapi;
  const app = createStrapi(await compileStrapi());
  app.log.level = 'error';
  return app.load();
};

const exportTo = async (strapi: Core.Strapi, file: string): Promise<number> => {
  let rows = -1;
  async function* lines() {
    for await (const line of exportCounterLines(strapi.db.connection)) {
      rows += 1;
      yield `${line}\n`;
    }
  }
  const toStdout = file === '-';
  await pipeline(Readable.from(lines()), toStdout ? process.stdout : fs.createWriteStream(path.resolve(file)), { end: !toStdout });
  return rows;
};

const importInto = async (strapi: Core.Strapi, checked: CounterImport) => {
  const written = await getService(strapi, 'counters').setCounts(checked);
  // Running servers clear their cached answers; the rankings show the imported counts now.
  getService(strapi, 'reader').invalidate();
  await getService(strapi, 'rankings').recomputeNow();
  return written;
};

const main = async (args: string[]): Promise<number> => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { file: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 1;
  }
  if (command !== 'counters:export' && command !== 'counters:import') throw new CounterFileError(`unknown command "${command}"\n\n${USAGE}`);
  if (!values.file) throw new CounterFileError(`${command} needs --file <path>`);
  if (command === 'counters:import' && !fs.existsSync(values.file)) throw new CounterFileError(`no such file: ${values.file}`);
  // The whole file is checked before the app is even loaded: a bad line changes nothing.
  const checked =
    command === 'counters:import'
      ? await readCounterLines(readline.createInterface({ input: fs.createReadStream(path.resolve(values.file)), crlfDelay: Infinity }))
      : undefined;

  const strapi = await loadApp();
  try {
    if (!checked) {
      const rows = await exportTo(strapi, values.file);
      process.stderr.write(`[newsroom] exported ${rows} counter rows to ${values.file}\n`);
    } else {
      const { buckets, totals, reactions } = await importInto(strapi, checked);
      process.stderr.write(`[newsroom] imported ${buckets} hourly counts, ${totals} totals and ${reactions} reactions from ${values.file}\n`);
    }
  } finally {
    await strapi.destroy();
  }
  return 0;
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof CounterFileError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`[newsroom] ${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
