import { errors } from '@strapi/utils';
import Joi from 'joi';
import type { ValidationErrorDetails } from '../contracts/errors';
import { DOCUMENT_ID, LOCALE, SLUG } from './patterns';

/**
 * Validation for every input of the plugin: the content API, the admin API, GraphQL, saved
 * settings and the config files, with the same patterns and the same error shapes.
 */

export const documentId = () => Joi.string().pattern(DOCUMENT_ID).messages({ 'string.pattern.base': '{{#label}} must be a document id' });
export const locale = () => Joi.string().pattern(LOCALE).messages({ 'string.pattern.base': '{{#label}} must be a locale code' });
export const slug = () => Joi.string().pattern(SLUG).messages({ 'string.pattern.base': '{{#label}} must be a slug' });

/** Every problem joi found, each naming its key (`"related.listSize" must be ...`). */
const messagesOf = (error: Joi.ValidationError): string => error.details.map((detail) => detail.message).join('; ');

const detailsOf = (error: Joi.ValidationError): ValidationErrorDetails => ({
  errors: error.details.map((detail) => ({ path: detail.path.map(String), message: detail.message, name: 'ValidationError' })),
});

/**
 * The validated value, or a `400 ValidationError` in Strapi's envelope naming every problem.
 * Request input converts nothing unless a key says so; saved settings convert (`"8"` becomes 8).
 */
export const validate = <T>(schema: Joi.ObjectSchema<T>, value: unknown, what: string, { convert = false } = {}): T => {
  const { error, value: valid } = schema.validate(value ?? {}, { abortEarly: false, convert });
  if (error) throw new errors.ValidationError(`Invalid ${what}: ${messagesOf(error)}`, detailsOf(error));
  return valid;
};

/** Settings from the config files: a plain `Error` naming every offending setting, which stops the start-up. */
export const checkSettings = <T>(schema: Joi.ObjectSchema<T>, value: unknown, what: string): T => {
  const { error, value: valid } = schema.validate(value, { abortEarly: false });
  if (error) throw new Error(`invalid ${what}: ${messagesOf(error)}`);
  return valid;
};
