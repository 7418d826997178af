import Joi from 'joi';

export interface RankingSettings {
  /** The recompute of automatic rankings; turn it off on instances that should only serve reads. */
  schedule: { enabled: boolean; intervalSeconds: number };
  /** How long a claimed recompute is reserved before another instance may take it over. */
  leaseSeconds: number;
  /** `Cache-Control: max-age` of a served ranking (a CDN may keep it this long). */
  cacheMaxAgeSeconds: number;
  trending: TrendingSettings;
}

export interface TrendingSettings {
  /** Share of the window that counts as "recent" (at least one hour); the rest is the baseline. */
  recentShare: number;
  /** Views added to the expected count, so that a handful of views on a quiet article is not a trend. */
  smoothing: number;
}

export const defaultRankingSettings: RankingSettings = {
  schedule: { enabled: true, intervalSeconds: 60 },
  leaseSeconds: 120,
  cacheMaxAgeSeconds: 30,
  trending: { recentShare: 0.25, smoothing: 10 },
};

export const rankingSettingsSchema = Joi.object<RankingSettings>({
  schedule: Joi.object({
    enabled: Joi.boolean().required(),
    intervalSeconds: Joi.number().integer().min(5).max(86_400).required(),
  }).required(),
  leaseSeconds: Joi.number().integer().min(10).max(86_400).required(),
  cacheMaxAgeSeconds: Joi.number().integer().min(0).max(86_400).required(),
  trending: Joi.object({
    recentShare: Joi.number().greater(0).less(1).required(),
    smoothing: Joi.number().min(1).max(1_000_000).required(),
  }).required(),
});
