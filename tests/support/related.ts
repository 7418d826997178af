import type { Core } from '@strapi/strapi';

export interface Link {
  documentId: string;
  score: number;
  pinned: boolean;
  reasons: string[];
}

export interface RebuildStatus {
  kind: 'full' | 'refresh';
  status: 'running' | 'done' | 'failed';
  phase: string;
  total: number;
  done: number;
  progress: number;
}

export interface RelatedService {
  settle(): Promise<void>;
  getList(key: { documentId: string; locale: string }): Promise<Link[]>;
  startRebuild(): Promise<RebuildStatus>;
  rebuildStatus(): Promise<RebuildStatus | null>;
  health(): Promise<{ indexed: number; lists: number; jobs: { pending: number; running: number; failed: number } }>;
}

export const relatedService = (strapi: Core.Strapi): RelatedService =>
  strapi.plugin('newsroom').service('related') as RelatedService;

export const listOf = async (strapi: Core.Strapi, documentId: string, locale = 'en'): Promise<string[]> =>
  (await relatedService(strapi).getList({ documentId, locale })).map((link) => link.documentId);
