import type { Core } from '@strapi/strapi';

/** Where Strapi keeps a relation: its join table, the two columns and the order column. */
export interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
}

export interface ModelMeta {
  tableName: string;
  attributes: Record<string, { columnName?: string; joinTable?: JoinTable }>;
}

/** Table and column names from Strapi's own metadata: the plugin reads its types with plain queries. */
export const modelMeta = (strapi: Core.Strapi, uid: string): ModelMeta => strapi.db.metadata.get(uid) as unknown as ModelMeta;

export const columnOf = (model: ModelMeta, attribute: string): string => model.attributes[attribute]?.columnName ?? attribute;

export const joinTableOf = (model: ModelMeta, attribute: string): JoinTable => {
  const table = model.attributes[attribute]?.joinTable;
  if (!table) throw new Error(`[newsroom] ${attribute} is not a join-table relation`);
  return table;
};
