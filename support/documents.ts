import type { Core, UID } from '@strapi/strapi';

/** The parameters the tests pass to the Document Service. */
export interface DocumentParams {
  documentId?: string;
  locale?: string;
  status?: 'draft' | 'published';
  data?: Record<string, unknown>;
  filters?: Record<string, unknown>;
  fields?: string[];
  populate?: string[] | Record<string, unknown>;
  limit?: number;
}

export interface Documents<T> {
  findOne(params: DocumentParams): Promise<T | null>;
  findFirst(params: DocumentParams): Promise<T | null>;
  findMany(params: DocumentParams): Promise<T[]>;
  create(params: DocumentParams): Promise<T>;
  update(params: DocumentParams): Promise<T | null>;
  publish(params: DocumentParams): Promise<unknown>;
  unpublish(params: DocumentParams): Promise<unknown>;
  delete(params: DocumentParams): Promise<unknown>;
}

/**
 * The Document Service for a plugin type, typed by the shape a test expects back: the app has
 * no generated schema types, so Strapi cannot type the plugin's attributes itself.
 */
export const documentsOf = <T>(strapi: Core.Strapi, uid: string): Documents<T> => strapi.documents(uid as UID.ContentType) as unknown as Documents<T>;
