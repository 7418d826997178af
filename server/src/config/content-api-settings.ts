import Joi from 'joi';
import { SLUG } from '../validation/patterns';

export interface ContentApiSettings {
  /** Slugs of the rankings the article page shows, in order (none when empty). */
  pageRankings: string[];
  /** `Cache-Control: public, max-age` of the read endpoints (a CDN may keep an answer this long). */
  maxAgeSeconds: number;
  /**
   * The in-process cache of assembled answers. Saves on this instance clear it at once; saves on
   * another one when this instance next reads the shared content version (every `pollMs`).
   * `ttlSeconds` is the safety net should that read fail.
   */
  cache: { enabled: boolean; ttlSeconds: number; maxEntries: number; pollMs: number };
  /** Links in a page's recommendations (and the default `limit` of `GET /recommendations`). */
  recommendations: number;
}

export const defaultContentApiSettings: ContentApiSettings = {
  // Strapi merges an app's arrays into the defaults by index: an empty default keeps the app's list whole.
  pageRankings: [],
  maxAgeSeconds: 10,
  cache: { enabled: true, ttlSeconds: 300, maxEntries: 20_000, pollMs: 1000 },
  recommendations: 8,
};

export const contentApiSettingsSchema = Joi.object<ContentApiSettings>({
  pageRankings: Joi.array().items(Joi.string().pattern(SLUG)).max(10).unique().required(),
  maxAgeSeconds: Joi.number().integer().min(0).max(86_400).required(),
  cache: Joi.object({
    enabled: Joi.boolean().required(),
    ttlSeconds: Joi.number().integer().min(1).max(3600).required(),
    maxEntries: Joi.number().integer().min(1).max(1_000_000).required(),
    pollMs: Joi.number().integer().min(100).max(60_000).required(),
  }).required(),
  recommendations: Joi.number().integer().min(1).max(50).required(),
});
