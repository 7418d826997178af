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
