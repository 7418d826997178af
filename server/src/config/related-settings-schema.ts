import Joi from 'joi';
import type { RelatedSettings } from '../related';

const weight = Joi.number().min(0).max(100).required();
const wordLists = Joi.object().pattern(Joi.string().min(1).max(35), Joi.array().items(Joi.string().min(1).max(100)).max(10_000)).required();

/** Every related-links setting, with the bounds that keep the engine sane. */
export const relatedSettingsSchema = Joi.object<RelatedSettings>({
  listSize: Joi.number().integer().min(1).max(50).required(),
  minScore: Joi.number().min(0).max(1).required(),
  fieldWeights: Joi.object({ title: weight, dek: weight, body: weight, tags: weight, section: weight }).required(),
  bm25: Joi.object({ k1: Joi.number().min(0).max(10).required(), b: Joi.number().min(0).max(1).required() }).required(),
  minDocFreq: Joi.number().integer().min(1).max(1000).required(),
  profileTerms: Joi.number().integer().min(5).max(2000).required(),
  queryTerms: Joi.number().integer().min(1).max(2000).required(),
  expansion: Joi.object({
    neighbours: Joi.number().integer().min(0).max(200).required(),
    weight: Joi.number().min(0).max(10).required(),
  }).required(),
  candidates: Joi.number().integer().min(1).max(10_000).required(),
  postings: Joi.object({
    scan: Joi.number().integer().min(10).max(1_000_000).required(),
    capacity: Joi.number().integer().min(Joi.ref('scan')).max(10_000_000).required(),
  }).required(),
  recency: Joi.object({
    weight: Joi.number().min(0).max(1).required(),
    halfLifeDays: Joi.number().greater(0).max(36_500).required(),
  }).required(),
  diversity: Joi.object({
    maxPerSection: Joi.number().integer().min(0).max(50).required(),
    backfill: Joi.boolean().required(),
  }).required(),
  reasons: Joi.number().integer().min(0).max(20).required(),
  neighbours: Joi.object({
    fanout: Joi.number().integer().min(0).max(1000).required(),
    pool: Joi.number().integer().min(Joi.ref('fanout')).max(10_000).required(),
  }).required(),
  reprofileGrowth: Joi.number().greater(1).max(1000).required(),
  analysis: Joi.object({
    defaultLanguage: Joi.string().min(2).max(35).required(),
    languages: Joi.object().pattern(Joi.string().min(1).max(35), Joi.string().min(2).max(35)).required(),
    segmentation: Joi.string().valid('fast', 'intl').required(),
    numbers: Joi.string().valid('drop', 'years', 'keep').required(),
    minTokenLength: Joi.number().integer().min(1).max(20).required(),
    maxTokenLength: Joi.number().integer().min(Joi.ref('minTokenLength')).max(200).required(),
    maxTokens: Joi.number().integer().min(100).max(1_000_000).required(),
    extraStopwords: wordLists,
    keepWords: wordLists,
  }).required(),
});
