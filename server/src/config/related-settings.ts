import Joi from 'joi';
import { supportedLanguages } from '../related/language';
import type { RelatedSettings } from '../related/settings';
import { checkSettings } from '../validation';

/**
 * The closed joi schema of the related-links settings (`RelatedSettings`): every field required,
 * unknown fields rejected, every number bounded. Error messages carry the setting's path, e.g.
 * `"related.fieldWeights.title" must be less than or equal to 100` when validated under the
 * plugin config's `related` key (see `validateRelatedSettings`).
 */

const integer = (min: number, max: number): Joi.NumberSchema => Joi.number().integer().min(min).max(max).required();
const number = (min: number, max: number): Joi.NumberSchema => Joi.number().min(min).max(max).required();

const languages = supportedLanguages();
const language = Joi.string().valid(...languages);
const wordLists = Joi.object()
  .pattern(language, Joi.array().items(Joi.string().min(1).max(100)).max(10000))
  .required();

const fieldWeight = number(0, 100);

export const relatedSettingsSchema = Joi.object<RelatedSettings>({
  listSize: integer(1, 100),
  minScore: number(0, 1),
  fieldWeights: Joi.object({
    title: fieldWeight,
    dek: fieldWeight,
    body: fieldWeight,
    tags: fieldWeight,
    section: fieldWeight,
  }).required(),
  bm25: Joi.object({ k1: number(0, 10), b: number(0, 1) }).required(),
  minDocFreq: integer(1, 1000),
  profileTerms: integer(5, 1000),
  queryTerms: Joi.number().integer().min(1).max(Joi.ref('profileTerms')).required(),
  expansion: Joi.object({
    neighbours: integer(0, 200),
    weight: number(0, 10),
    candidates: Joi.number().integer().min(Joi.ref('neighbours')).max(5000).required(),
  }).required(),
  candidates: Joi.number().integer().min(Joi.ref('listSize')).max(5000).required(),
  postings: Joi.object({
    scan: integer(10, 1_000_000),
    capacity: Joi.number().integer().min(Joi.ref('scan')).max(10_000_000).required(),
  }).required(),
  recency: Joi.object({ weight: number(0, 1), halfLifeDays: Joi.number().greater(0).max(36500).required() }).required(),
  diversity: Joi.object({ maxPerSection: integer(0, 100), backfill: Joi.boolean().required() }).required(),
  stories: Joi.object({
    threshold: number(0, 1),
    maxGapDays: number(0, 36500),
    links: integer(1, 100),
    cohesion: number(0, 1),
    directWeight: number(0, 1),
    head: integer(0, 100),
  }).required(),
  cutoff: Joi.object({ relative: number(0, 1), direct: number(0, 1) }).required(),
  reasons: integer(0, 20),
  neighbours: Joi.object({
    fanout: integer(0, 1000),
    pool: Joi.number().integer().min(Joi.ref('fanout')).max(10000).required(),
  }).required(),
  reprofileGrowth: Joi.number()
    .min(0)
    .max(100)
    .required()
    .custom((value: number, helpers) => (value === 0 || value >= 1.1 ? value : helpers.error('number.growth')))
    .messages({ 'number.growth': '{{#label}} must be 0 (never) or at least 1.1' }),
  analysis: Joi.object({
    defaultLanguage: language.required(),
    languages: Joi.object().pattern(Joi.string().min(1).max(35), language.required()).required(),
    segmentation: Joi.string().valid('fast', 'intl').required(),
    numbers: Joi.string().valid('drop', 'years', 'keep').required(),
    minTokenLength: integer(1, 20),
    maxTokenLength: Joi.number().integer().min(Joi.ref('minTokenLength')).max(200).required(),
    maxTokens: integer(100, 1_000_000),
    extraStopwords: wordLists,
    keepWords: wordLists,
  }).required(),
});

/**
 * Validates settings on their own; throws an `Error` whose message names every offending setting
 * (`"related.minScore" must be …`). Returns the validated value.
 */
export const validateRelatedSettings = (settings: unknown): RelatedSettings =>
  checkSettings(Joi.object<{ related: RelatedSettings }>({ related: relatedSettingsSchema.required() }), { related: settings }, 'related settings').related;
