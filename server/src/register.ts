import type { Core } from '@strapi/strapi';
import { createEditorialDefaults } from './lifecycle/editorial-defaults';

const register = ({ strapi }: { strapi: Core.Strapi }): void => {
  strapi.documents.use(createEditorialDefaults(strapi));
};

export default register;
