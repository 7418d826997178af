import path from 'path';
import type { Core } from '@strapi/strapi';

// The plugin is the repository root. The server runs this file compiled, from
// playground/dist/config; `strapi build` loads it from playground/config to find admin plugins.
const playgroundDir = path.basename(path.dirname(__dirname)) === 'dist' ? path.resolve(__dirname, '..', '..') : path.resolve(__dirname, '..');
const repositoryRoot = path.resolve(playgroundDir, '..');

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  newsroom: {
    enabled: true,
    resolve: repositoryRoot,
    // The demo site reads the content API and sends beacons without logging in; its article page
    // shows the "Most read" ranking. NEWSROOM_CONFIG='{"related":{"listSize":8}}' overrides
    // settings without editing this file.
    config: { publicAccess: true, contentApi: { pageRankings: ['most-read'] }, ...env.json('NEWSROOM_CONFIG', {}) },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
});

export default config;
