import Joi from 'joi';
import type { Localized, UpdateRankingRules, UpdateRelatedRules } from '../contracts/panels';
import type { UpdateSettings } from '../contracts/settings';
import { documentId, locale } from '../validation';

/** One closed schema per input of the admin API; every controller validates with `validate`. */

export const documentParams = Joi.object<{ documentId: string }>({ documentId: documentId().required() });

export const localeQuery = Joi.object<Localized>({ locale: locale() });

export const localeBody = Joi.object<Localized>({ locale: locale() }).empty('').default({});

/** Pins (in order) and exclusions, replaced whole: pin, unpin, reorder, exclude, un-exclude. */
export const rulesBody = Joi.object<UpdateRankingRules.Request['body']>({
  locale: locale(),
  pinned: Joi.array().items(documentId()).max(50).unique().required(),
  excluded: Joi.array()
    .items(documentId().invalid(Joi.in('/pinned')).messages({ 'any.invalid': '{{#label}} is pinned: unpin it before excluding it' }))
    .max(200)
    .unique()
    .required(),
});

/** An article's rules: pins and exclusions, and the articles taken out of its story. */
export const articleRulesBody = (rulesBody as Joi.ObjectSchema<UpdateRelatedRules.Request['body']>).keys({
  notInStory: Joi.array().items(documentId()).max(200).unique(),
});

/** `days` is always set once validated. */
export const statsQuery = Joi.object<Localized & { days: number }>({
  days: Joi.number().integer().min(1).max(90).prefs({ convert: true }).default(14),
  locale: locale(),
});

/**
 * The sections of the plugin config the settings page may change; their content is checked by
 * the config's own joi schema once merged over the current settings.
 */
export const settingsBody = Joi.object<UpdateSettings.Request['body']>({
  related: Joi.object().unknown(true),
  rankings: Joi.object().unknown(true),
  counters: Joi.object().unknown(true),
  publicAccess: Joi.boolean(),
})
  .min(1)
  .required();
