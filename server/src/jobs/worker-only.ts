import type { WorkerOnlyDetails } from '../contracts/errors';
import { AnsweredError } from '../errors/answered-error';

/**
 * What only an instance holding the related index can do (`jobs.runWorker: true`), asked of one
 * that only serves. The admin routes answer it with a 503.
 */
export class WorkerOnlyError extends AnsweredError<WorkerOnlyDetails> {
  constructor(message: string) {
    super('WorkerOnlyError', message, 503, { details: { reason: 'serving-only' } });
  }
}

/**
 * What needs every profile of the index computed (a draft's preview), asked while a running
 * rebuild is about to recompute them all: computed now, it would stop the site for as long. Also
 * answered with a 503.
 */
export class IndexRebuildingError extends AnsweredError<WorkerOnlyDetails> {
  constructor(message: string) {
    super('IndexRebuildingError', message, 503, { details: { reason: 'rebuilding' } });
  }
}
