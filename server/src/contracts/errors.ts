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
 * What a `503` of an admin action that needs the related index carries: `serving-only`
 * (`WorkerOnlyError`), only the worker instance holds the index (`jobs.runWorker: true`) and the
 * instance that answered only serves; `rebuilding` (`IndexRebuildingError`), a running rebuild
 * has every profile to recompute first.
 */
export interface WorkerOnlyDetails {
  reason: 'serving-only' | 'rebuilding';
}
