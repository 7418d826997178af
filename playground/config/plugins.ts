import path from 'path';
import type { Core } from '@strapi/strapi';

// This file runs compiled from playground/dist/config: the plugin is the repository root.
const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

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
