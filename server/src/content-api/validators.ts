import { errors } from '@strapi/utils';
import Joi from 'joi';

/**
 * One closed schema per input of the content API (route parameters are validated by name: the
 * router may add positional captures of its own to `ctx.params`), shared by every route that takes it: unknown
 * keys are refused, so a client can never slip in a field (such as a count) the server ignores.
 */

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

export const articleParams = Joi.object<{ documentId: string }>({
  documentId: Joi.string().pattern(/^[A-Za-z0-9]{1,64}$/).required().messages({ 'string.pattern.base': '{{#label}} must be a document id' }),
});

export const rankingParams = Joi.object<{ slug: string }>({
  slug: Joi.string().pattern(/^[A-Za-z0-9][A-Za-z0-9_.~-]{0,199}$/).required().messages({ 'string.pattern.base': '{{#label}} must be a slug' }),
});

export const localeQuery = Joi.object<{ locale?: string }>({
  locale: Joi.string().pattern(LOCALE).messages({ 'string.pattern.base': '{{#label}} must be a locale code' }),
});

/** A view carries nothing: the server decides what it counts. Empty JSON or no body at all. */
export const viewBody = Joi.object<Record<string, never>>({}).empty('').default({});

export const reactionBody = (kinds: string[]) =>
  Joi.object<{ kind: string }>({
    kind: Joi.string().valid(...kinds).required(),
  }).required();

/** The validated value, or a `400 ValidationError` in Strapi's envelope naming every problem. */
export const validate = <T>(schema: Joi.ObjectSchema<T>, value: unknown, what: string): T => {
  const { error, value: valid } = schema.validate(value ?? {}, { abortEarly: false, convert: false });
  if (error) {
    throw new errors.ValidationError(`Invalid ${what}: ${error.details.map((detail) => detail.message).join('; ')}`, {
      errors: error.details.map((detail) => ({ path: detail.path.map(String), message: detail.message, name: 'ValidationError' })),
    });
  }
  return valid as T;
};
