import type { Core } from '@strapi/strapi';
import { getService } from '../../server/src/services/access';

/** Keys that must never appear at any depth of a content API answer. */
const FORBIDDEN_KEYS = new Set([
  'id',
  'createdBy',
  'updatedBy',
  'password',
  'email',
  'resetPasswordToken',
  'confirmationToken',
  'publishedAt',
  'createdAt',
  'updatedAt',
  'hideRelated',
  'neverListAsRelated',
  'relatedPinned',
  'relatedExcluded',
]);

/** Every forbidden key, and every value naming one of the plugin's tables, with its path. */
export const leaks = (value: unknown, path = '$'): string[] => {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaks(item, `${path}[${index}]`));
  if (typeof value === 'string') return /newsroom_|_lnk\b/.test(value) ? [`${path} = ${value}`] : [];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [
    ...(FORBIDDEN_KEYS.has(key) || key.startsWith('newsroom_') ? [`${path}.${key}`] : []),
    ...leaks(child, `${path}.${key}`),
  ]);
};

export interface Card {
  documentId: string;
  title: string;
  slug: string;
  publicationDate: string | null;
  section: { documentId: string; slug: string; name: string } | null;
  reason?: string;
  /** Related links only: the key terms the two articles share. */
  reasons?: string[];
}

export interface PageAnswer {
  article: Card & { locale: string; body: unknown; views: number; reactions: Record<string, number> };
  breadcrumb: Array<{ slug: string; name: string }>;
  related: Card[];
  rankings: Array<{ slug: string; entries: Card[] }>;
  recommendations: Card[];
}

/**
 * Runs `check` while the Public role does not hold `action` (as an admin who withdrew it in Users
 * & Permissions), then gives the grant back, whatever `check` did.
 */
export const withoutPublicGrant = async (strapi: Core.Strapi, action: string, check: () => Promise<void>): Promise<void> => {
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const grant = (await permissions.findOne({ where: { action, role: { type: 'public' } }, populate: ['role'] })) as { id: number; role: { id: number } };
  await permissions.delete({ where: { id: grant.id } });
  const access = getService(strapi, 'publicAccess');
  await access.refresh();
  try {
    await check();
  } finally {
    await permissions.create({ data: { action, role: grant.role.id } });
    await access.refresh();
  }
};
