import { removeDatabaseTemplates } from './database-template';

export default removeDatabaseTemplates;
