import articles from './articles';
import counters from './counters';
import rankings from './rankings';
import recommendations from './recommendations';
import sections from './sections';

export default { articles, counters, rankings, recommendations, sections };
