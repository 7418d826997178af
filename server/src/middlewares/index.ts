import answeredErrors from './answered-errors';
import databaseUnavailable from './database-unavailable';

export default {
  'answered-errors': answeredErrors,
  'database-unavailable': databaseUnavailable,
};
