import type { Core } from '@strapi/strapi';

/** The plugin's webhook events (Strapi sends an article's own publish and unpublish as `entry.publish`, `entry.unpublish`). */
export const EDGE_EVENTS = {
  relatedUpdated: 'newsroom.related.updated',
  rankingUpdated: 'newsroom.ranking.updated',
} as const;

interface WebhookStore {
  addAllowedEvent(key: string, value: string): void;
}

/** Lets webhooks subscribe to them: Strapi's webhook API refuses events it was not told of. */
export const allowWebhookEvents = (strapi: Core.Strapi): void => {
  const store = strapi.get('webhookStore') as WebhookStore;
  store.addAllowedEvent('NEWSROOM_RELATED_UPDATED', EDGE_EVENTS.relatedUpdated);
  store.addAllowedEvent('NEWSROOM_RANKING_UPDATED', EDGE_EVENTS.rankingUpdated);
};
