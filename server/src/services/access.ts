import type { Core } from '@strapi/strapi';
import type { CountersService } from './counters';
import type { EdgeService } from './edge';
import type { PublicAccessService } from './public-access';
import type { RankingsService } from './rankings';
import type { ReaderService } from './reader';
import type { RelatedService } from './related';
import type { SettingsService } from './settings';

/**
 * Typed access to the plugin's services, each read when called: hooks are made in `register`,
 * before the services exist, and the settings page replaces nothing but restarts them.
 */
export const pluginServices = (strapi: Core.Strapi) => {
  const service =
    <T>(name: string) =>
    (): T =>
      strapi.plugin('newsroom').service(name) as T;
  return {
    related: service<RelatedService>('related'),
    counters: service<CountersService>('counters'),
    rankings: service<RankingsService>('rankings'),
    reader: service<ReaderService>('reader'),
    settings: service<SettingsService>('settings'),
    publicAccess: service<PublicAccessService>('publicAccess'),
    edge: service<EdgeService>('edge'),
  };
};
