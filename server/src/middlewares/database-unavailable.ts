import type { Context, Next } from 'koa';
import { answerError } from '../errors/error-envelope';

// Connection failures, not query errors: PostgreSQL's connection-exception and shutdown codes,
// mysql2's lost connection and MySQL's and MariaDB's shutdown codes, Node's socket errors, and
// Knex giving up on acquiring a connection.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Timeout acquiring a connection|Client has encountered a connection error|the database system is (starting up|shutting down)|connection is in closed state/i;

export const isDatabaseUnavailable = (error: unknown): boolean => {
  if (!error || typeof error !== 'object') return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (name === 'KnexTimeoutError') return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
};

/**
 * Answers `503` in Strapi's error envelope while the database cannot be reached, instead of the
 * `500` Strapi gives any unexpected error. Mount it right after `strapi::errors` in the app's
 * `config/middlewares` as `plugin::newsroom.database-unavailable`; the plugin's own routes use it too.
 */
export default () =>
  async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      answerError(ctx, {
        status: 503,
        name: 'ServiceUnavailableError',
        message: 'The database is unavailable; try again in a moment.',
        details: {},
        retryAfterSeconds: 5,
      });
    }
  };
