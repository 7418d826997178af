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
  // Strapi's GraphQL at /graphql, bounded: a query nests at most 10 levels and a generated list
  // answers 25 items unless asked for more, 100 at most. The newsroom's own queries keep the REST
  // routes' limits (pageSize up to 100).
  graphql: {
    config: {
      endpoint: '/graphql',
      depthLimit: 10,
      defaultLimit: 25,
      maxLimit: 100,
      // The sandbox page and introspection are for development; errors never carry a stack trace.
      landingPage: env('NODE_ENV') !== 'production',
      apolloServer: {
        introspection: env('NODE_ENV') !== 'production',
        includeStacktraceInErrorResponses: false,
        allowBatchedHttpRequests: false,
      },
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
});

export default config;
