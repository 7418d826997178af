import Joi from 'joi';

export interface JobSettings {
  /** Run the related-links worker in this process (turn off on instances that only serve reads). */
  runWorker: boolean;
  pollIntervalMs: number;
  /** Delay between a save's commit and its job, letting Strapi's after-save work and bursts settle. */
  wakeDelayMs: number;
  /** Jobs claimed per round trip. */
  batchSize: number;
  /** How long a claimed job is reserved before another instance may take it over. */
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Articles per batch of a full rebuild. */
  rebuildBatchSize: number;
  /**
   * Quiet seconds after the last save before every profile and list is recomputed in the
   * background, so lists converge on what a full rebuild gives (0 = never).
   */
  refreshAfterIdleSeconds: number;
  /** Least seconds between two such refreshes (or a rebuild and a refresh). */
  refreshMinIntervalSeconds: number;
  /**
   * How often the worker checks that the index describes the published rows (imports, writes
   * that bypass Strapi, deleted locales): two one-row aggregates and the locale list (0 = never).
   */
  checkIntervalSeconds: number;
}

export const defaultJobSettings: JobSettings = {
  runWorker: true,
  pollIntervalMs: 1000,
  wakeDelayMs: 50,
  batchSize: 20,
  leaseMs: 60_000,
  maxAttempts: 8,
  retryBaseMs: 2_000,
  retryMaxMs: 300_000,
  rebuildBatchSize: 500,
  refreshAfterIdleSeconds: 300,
  refreshMinIntervalSeconds: 3600,
  checkIntervalSeconds: 30,
};

export const jobSettingsSchema = Joi.object<JobSettings>({
  runWorker: Joi.boolean().required(),
  pollIntervalMs: Joi.number().integer().min(50).max(600_000).required(),
  wakeDelayMs: Joi.number().integer().min(0).max(60_000).required(),
  batchSize: Joi.number().integer().min(1).max(1000).required(),
  leaseMs: Joi.number().integer().min(1000).max(3_600_000).required(),
  maxAttempts: Joi.number().integer().min(1).max(100).required(),
  retryBaseMs: Joi.number().integer().min(0).max(3_600_000).required(),
  retryMaxMs: Joi.number().integer().min(Joi.ref('retryBaseMs')).max(86_400_000).required(),
  rebuildBatchSize: Joi.number().integer().min(10).max(10_000).required(),
  refreshAfterIdleSeconds: Joi.number()
    .integer()
    .min(0)
    .max(7 * 86_400)
    .required(),
  refreshMinIntervalSeconds: Joi.number()
    .integer()
    .min(0)
    .max(7 * 86_400)
    .required(),
  checkIntervalSeconds: Joi.number().integer().min(0).max(86_400).required(),
});
