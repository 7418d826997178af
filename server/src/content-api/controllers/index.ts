import counters from './counters';
import rankings from './rankings';

export default { counters, rankings };
