/**
 * What only an instance holding the related index can do (`jobs.runWorker: true`), asked of one
 * that only serves. The admin routes answer it with a 503 (`middlewares/worker-only.ts`).
 */
export class WorkerOnlyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerOnlyError';
  }
}

/**
 * What needs every profile of the index computed (a draft's preview), asked while a running
 * rebuild is about to recompute them all: computed now, it would stop the site for as long. Also
 * answered with a 503.
 */
export class IndexRebuildingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexRebuildingError';
  }
}
