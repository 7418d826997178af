import databaseUnavailable from './database-unavailable';

export default {
  'database-unavailable': databaseUnavailable,
};
