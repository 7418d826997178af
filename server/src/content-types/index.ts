import article from './article';
import ranking from './ranking';
import section from './section';
import tag from './tag';

export default { article, ranking, section, tag };
