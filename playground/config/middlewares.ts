import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'plugin::newsroom.database-unavailable',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  // The demo reader page at `/` (before strapi::public, which redirects `/` to the admin).
  'global::reader-page',
  'strapi::public',
];

export default config;
