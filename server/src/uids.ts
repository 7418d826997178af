export const PLUGIN_ID = 'newsroom';

export const ARTICLE_UID = 'plugin::newsroom.article';
export const SECTION_UID = 'plugin::newsroom.section';
export const RANKING_UID = 'plugin::newsroom.ranking';
export const TAG_UID = 'plugin::newsroom.tag';

/** Content types whose `slug` uid is filled from their title or name when a write omits it. */
export const SLUGGED_TYPES: Record<string, string> = {
  [ARTICLE_UID]: 'title',
  [SECTION_UID]: 'name',
  [RANKING_UID]: 'name',
  [TAG_UID]: 'name',
};
