import databaseUnavailable from './database-unavailable';
import workerOnly from './worker-only';

export default {
  'database-unavailable': databaseUnavailable,
  'worker-only': workerOnly,
};
