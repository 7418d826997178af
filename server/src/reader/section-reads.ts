import type { Core, UID } from '@strapi/strapi';
import { SECTION_UID } from '../uids';
import type { SectionRow } from './sections';

type Row = Record<string, unknown>;

/** Every section of a locale (a site has tens of them), with its parent's document id. */
export const readSections = async (strapi: Core.Strapi, locale: string): Promise<SectionRow[]> => {
  const rows = (await strapi.db.query(SECTION_UID as UID.Schema).findMany({
    select: ['documentId', 'slug', 'name', 'description', 'position'],
    where: { locale },
    populate: { parent: { select: ['documentId'] } },
  })) as Row[];
  return rows.map((row) => ({
    documentId: String(row.documentId),
    slug: String(row.slug),
    name: String(row.name),
    description: typeof row.description === 'string' ? row.description : null,
    position: Number(row.position ?? 0),
    parentId: row.parent && typeof row.parent === 'object' ? String((row.parent as Row).documentId) : null,
  }));
};
