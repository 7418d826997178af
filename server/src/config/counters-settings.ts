import Joi from 'joi';

export interface CounterSettings {
  /** How often buffered views and reactions are written; a killed process loses at most this much. */
  flushIntervalMs: number;
  /** A visitor's repeated view of an article counts once within this many seconds (0: every view counts). */
  dedupeWindowSeconds: number;
  /** The reactions a site offers; the reaction endpoint refuses any other kind. */
  reactionKinds: string[];
  /** Leave requests from crawlers and other bots (by user agent) uncounted. */
  botFilter: boolean;
  /**
   * How often the set of published articles the beacons accept is re-read in full. Saves on this
   * instance update it at once; the re-read catches saves made on other instances.
   */
  publishedRefreshSeconds: number;
}

// One kind, so an app's own list (of any length) replaces it whole: Strapi merges arrays by index.
export const defaultCounterSettings: CounterSettings = {
  flushIntervalMs: 1000,
  dedupeWindowSeconds: 1800,
  reactionKinds: ['veryGood'],
  botFilter: true,
  publishedRefreshSeconds: 60,
};

export const counterSettingsSchema = Joi.object<CounterSettings>({
  flushIntervalMs: Joi.number().integer().min(50).max(60_000).required(),
  dedupeWindowSeconds: Joi.number().integer().min(0).max(86_400).required(),
  reactionKinds: Joi.array()
    .items(
      Joi.string()
        .pattern(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/)
        .message('{{#label}} must be a name of letters, digits, "-" or "_" (at most 32)'),
    )
    .min(1)
    .max(20)
    .unique()
    .required(),
  botFilter: Joi.boolean().required(),
  publishedRefreshSeconds: Joi.number().integer().min(1).max(86_400).required(),
});
