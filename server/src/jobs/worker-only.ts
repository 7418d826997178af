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
