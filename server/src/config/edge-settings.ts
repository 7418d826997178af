import Joi from 'joi';
import type { KeySeparator } from '../edge/cache-keys';

/** How a purge request carries its keys: in a header (Varnish `xkey`) or a JSON body field (Fastly, Cloudflare). */
export type PurgeKeysIn = 'header' | 'body';

export interface PurgeSettings {
  /** Sends purge requests for changed keys to `url`; off by default. */
  enabled: boolean;
  url: string;
  method: 'PURGE' | 'POST' | 'DELETE' | 'GET';
  keysIn: PurgeKeysIn;
  /** The header that carries the keys when `keysIn` is `header` (separated by `keySeparator`). */
  keysHeader: string;
  /** The JSON body field that carries the keys when `keysIn` is `body`: `surrogate_keys` (Fastly), `tags` (Cloudflare). */
  bodyField: string;
  /** The header that carries `token` (`Fastly-Key`, or `Authorization` with a token `Bearer ...`); none when empty. */
  tokenHeader: string;
  token: string;
  /** Keys per request (Fastly takes 256, Cloudflare 100). */
  batchSize: number;
  attempts: number;
  retryBaseMs: number;
  timeoutMs: number;
}

export interface EdgeSettings {
  /** The response header that carries an answer's cache keys (`Surrogate-Key`, `Cache-Tag`, `xkey`, ...); none when empty. */
  keysHeader: string;
  keySeparator: KeySeparator;
  /** The header's size limit: Fastly and Cloudflare allow 16 KB. */
  maxHeaderBytes: number;
  purge: PurgeSettings;
}

export const defaultEdgeSettings: EdgeSettings = {
  keysHeader: 'Surrogate-Key',
  keySeparator: 'space',
  maxHeaderBytes: 16_000,
  purge: {
    enabled: false,
    url: '',
    method: 'PURGE',
    keysIn: 'header',
    keysHeader: 'xkey-purge',
    bodyField: 'surrogate_keys',
    tokenHeader: '',
    token: '',
    batchSize: 256,
    attempts: 5,
    retryBaseMs: 500,
    timeoutMs: 5000,
  },
};

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]*$/;
const headerName = () => Joi.string().allow('').pattern(HEADER_NAME).messages({ 'string.pattern.base': '{{#label}} must be an HTTP header name' });

export const edgeSettingsSchema = Joi.object<EdgeSettings>({
  keysHeader: headerName().required(),
  keySeparator: Joi.string().valid('space', 'comma').required(),
  maxHeaderBytes: Joi.number().integer().min(256).max(65_536).required(),
  purge: Joi.object<PurgeSettings>({
    enabled: Joi.boolean().required(),
    url: Joi.when('enabled', {
      is: true,
      then: Joi.string()
        .uri({ scheme: ['http', 'https'] })
        .required(),
      otherwise: Joi.string()
        .allow('')
        .uri({ scheme: ['http', 'https'] })
        .required(),
    }),
    method: Joi.string().valid('PURGE', 'POST', 'DELETE', 'GET').required(),
    keysIn: Joi.string().valid('header', 'body').required(),
    keysHeader: headerName().required(),
    bodyField: Joi.string()
      .pattern(/^[A-Za-z0-9_]{1,64}$/)
      .required(),
    tokenHeader: headerName().required(),
    token: Joi.string().allow('').max(4096).required(),
    batchSize: Joi.number().integer().min(1).max(10_000).required(),
    attempts: Joi.number().integer().min(1).max(20).required(),
    retryBaseMs: Joi.number().integer().min(10).max(60_000).required(),
    timeoutMs: Joi.number().integer().min(100).max(60_000).required(),
  }).required(),
});
