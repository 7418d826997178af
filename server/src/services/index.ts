import clock from './clock';
import counters from './counters';
import publicAccess from './public-access';
import rankings from './rankings';
import reader from './reader';
import related from './related';

export default { clock, counters, publicAccess, rankings, reader, related };
