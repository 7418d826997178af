import { featureArticles } from './articles-features';
import { newsArticles } from './articles-news';
import type { DemoArticle } from './types';

export const demoArticles: DemoArticle[] = [...newsArticles, ...featureArticles];
