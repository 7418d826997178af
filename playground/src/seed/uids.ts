export const ARTICLE = 'plugin::newsroom.article';
export const SECTION = 'plugin::newsroom.section';
export const RANKING = 'plugin::newsroom.ranking';
export const TAG = 'plugin::newsroom.tag';
export const PAGE = 'api::page.page';
