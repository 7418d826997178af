/** What every input of the plugin accepts as a document id, a locale code and a slug. */

const ID = '[A-Za-z0-9]{1,64}';

export const DOCUMENT_ID = new RegExp(`^${ID}$`);
export const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
export const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.~-]{0,199}$/;

/** Up to `max` document ids, comma-separated (as a query string carries a list). */
export const documentIdList = (max: number): RegExp => new RegExp(`^${ID}(,${ID}){0,${max - 1}}$`);
