/** What a `400 ValidationError` of the plugin's routes carries in Strapi's envelope (`error.details`). */

export interface ValidationProblem {
  /** The offending key, e.g. `['related', 'listSize']`: the settings page marks that field. */
  path: string[];
  message: string;
  name: 'ValidationError';
}

export interface ValidationErrorDetails {
  errors: ValidationProblem[];
}

/**
 * What a `503 WorkerOnlyError` carries: the action needs the related index, which only the worker
 * instance holds (`jobs.runWorker: true`), and the instance that answered only serves.
 */
export interface WorkerOnlyDetails {
  reason: 'serving-only';
}
