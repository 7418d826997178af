import path from 'path';

/** Strapi commands that load the app to copy its data, not to serve it. */
const DATA_COMMANDS = new Set(['import', 'export', 'transfer']);

/**
 * Whether this process runs the plugin's background work (the related-links worker, the rankings
 * schedule, the polls). Not when `strapi import`, `export` or `transfer` loads the app: an import
 * writes the database in one transaction with Strapi's hooks off, and a worker started against
 * it would read a half-imported site; the server notices the import once it commits. Scripts
 * that load the app for a one-off job (a migration, the plugin's own CLI) set
 * `NEWSROOM_BACKGROUND=off`: their writes are still queued for the server's worker.
 */
export const runsBackgroundWork = (argv: string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean => {
  if (env.NEWSROOM_BACKGROUND === 'off') return false;
  const [, script = '', command = ''] = argv;
  return !(path.basename(script).replace(/\.[cm]?js$/, '') === 'strapi' && DATA_COMMANDS.has(command));
};
