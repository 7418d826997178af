import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../uids';
import type services from './index';

/** Each plugin service by the name `services/index.ts` registers it under. */
export type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };

/**
 * A plugin service, typed by its name. Ask for it when it is needed: hooks are made in
 * `register`, before the services exist.
 */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as Services[Name];
