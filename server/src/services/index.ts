import clock from './clock';
import counters from './counters';
import dashboard from './dashboard';
import edge from './edge';
import publicAccess from './public-access';
import rankingPanel from './ranking-panel';
import rankings from './rankings';
import reader from './reader';
import related from './related';
import relatedPanel from './related-panel';
import settings from './settings';

export default { clock, counters, dashboard, edge, publicAccess, rankingPanel, rankings, reader, related, relatedPanel, settings };
