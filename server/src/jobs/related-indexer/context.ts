import type { Knex } from 'knex';
import type { DocumentKey } from '../../articles/document-key';
import type { ArticleSource } from '../../index-store/article-source';
import type { StoryRef } from '../../index-store/stories';
import type { RelatedSettings } from '../../related';
import type { MemoryIndex } from './memory-index';
import type { ReadAhead } from './read-ahead';

/** What a write changed for readers: the articles whose stored list or story reads differently, and the stories they left or joined. */
export interface ListChanges {
  articles: DocumentKey[];
  stories: StoryRef[];
}

/** What the indexer's parts share. */
export interface IndexerContext {
  db: () => Knex;
  source: ArticleSource;
  settings: RelatedSettings;
  /** This instance, as the feed of changes names it. */
  owner: string;
  memory: MemoryIndex;
  readAhead: ReadAhead;
  /** Told after each write that changed what readers see, once it committed. */
  onChanged: (changes: ListChanges) => void;
}
