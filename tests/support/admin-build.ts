import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { PLAYGROUND_DIR, PLAYGROUND_DIST_DIR, REPOSITORY_DIR } from '../../support/paths';

const BUILD_DIR = path.join(PLAYGROUND_DIST_DIR, 'build');
const STAMP = path.join(BUILD_DIR, '.newsroom-stamp');

const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    : [];

/** What the built admin depends on: the plugin's built admin bundle, the playground's config and the lock file. */
const stampOf = (): string => {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(path.join(REPOSITORY_DIR, 'dist', 'admin')),
    ...filesUnder(path.join(PLAYGROUND_DIR, 'config')),
    path.join(REPOSITORY_DIR, 'package-lock.json'),
  ];
  for (const file of inputs.sort()) hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex');
};

/**
 * Builds the playground's admin (`strapi build`, about two minutes here) unless the last build
 * was made from the same inputs. Needs the plugin built first (`npm run build`).
 */
export const ensureAdminBuild = (): void => {
  if (!fs.existsSync(path.join(REPOSITORY_DIR, 'dist', 'admin'))) throw new Error('build the plugin first: npm run build');
  const stamp = stampOf();
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === stamp) return;
  execFileSync(path.join(REPOSITORY_DIR, 'node_modules', '.bin', 'strapi'), ['build'], {
    cwd: PLAYGROUND_DIR,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  fs.writeFileSync(STAMP, stamp);
};
