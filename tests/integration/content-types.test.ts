import type { Core } from '@strapi/strapi';
import { startPlayground, stopPlayground } from '../../support/playground';

type Attribute = { type: string; relation?: string; target?: string; required?: boolean; enum?: string[]; pluginOptions?: { i18n?: { localized?: boolean } } };

let strapi: Core.Strapi;

beforeAll(async () => {
  strapi = await startPlayground();
});

afterAll(async () => {
  await stopPlayground(strapi);
});

const attributesOf = (uid: string): Record<string, Attribute> =>
  strapi.contentType(uid as Parameters<Core.Strapi['contentType']>[0]).attributes as Record<string, Attribute>;

const optionsOf = (uid: string) => {
  const contentType = strapi.contentType(uid as Parameters<Core.Strapi['contentType']>[0]);
  return { options: contentType.options, pluginOptions: contentType.pluginOptions as { i18n?: { localized?: boolean } } };
};

describe('content types', () => {
  it('registers article, section, ranking and tag under the plugin', () => {
    for (const uid of ['plugin::newsroom.article', 'plugin::newsroom.section', 'plugin::newsroom.ranking', 'plugin::newsroom.tag']) {
      expect(strapi.contentTypes[uid as keyof typeof strapi.contentTypes]).toBeDefined();
    }
  });

  it('gives the article its fields, relations and editorial controls', () => {
    const attributes = attributesOf('plugin::newsroom.article');
    expect(attributes.title).toMatchObject({ type: 'string', required: true });
    expect(attributes.slug).toMatchObject({ type: 'uid', targetField: 'title' });
    expect(attributes.dek.type).toBe('text');
    expect(attributes.body.type).toBe('blocks');
    for (const field of ['byline', 'dateline', 'source']) expect(attributes[field].type).toBe('string');
    expect(attributes.publicationDate.type).toBe('datetime');
    expect(attributes.cover.type).toBe('media');
    expect(attributes.section).toMatchObject({ type: 'relation', relation: 'manyToOne', target: 'plugin::newsroom.section' });
    expect(attributes.tags).toMatchObject({ type: 'relation', relation: 'manyToMany', target: 'plugin::newsroom.tag' });
    expect(attributes.relatedPinned).toMatchObject({ type: 'relation', relation: 'manyToMany', target: 'plugin::newsroom.article' });
    expect(attributes.relatedExcluded).toMatchObject({ type: 'relation', relation: 'manyToMany', target: 'plugin::newsroom.article' });
    expect(attributes.hideRelated.type).toBe('boolean');
    expect(attributes.neverListAsRelated.type).toBe('boolean');
  });

  it('turns Draft & Publish on for articles only, and localizes articles, sections and rankings', () => {
    expect(optionsOf('plugin::newsroom.article').options?.draftAndPublish).toBe(true);
    expect(optionsOf('plugin::newsroom.section').options?.draftAndPublish).toBe(false);
    expect(optionsOf('plugin::newsroom.ranking').options?.draftAndPublish).toBe(false);
    for (const uid of ['plugin::newsroom.article', 'plugin::newsroom.section', 'plugin::newsroom.ranking']) {
      expect(optionsOf(uid).pluginOptions.i18n?.localized).toBe(true);
    }
    expect(optionsOf('plugin::newsroom.tag').pluginOptions.i18n?.localized).toBeFalsy();
  });

  it('nests sections for the breadcrumb', () => {
    const attributes = attributesOf('plugin::newsroom.section');
    expect(attributes.name).toMatchObject({ type: 'string', required: true });
    expect(attributes.slug).toMatchObject({ type: 'uid', targetField: 'name' });
    expect(attributes.description.type).toBe('text');
    expect(attributes.position.type).toBe('integer');
    expect(attributes.parent).toMatchObject({ relation: 'manyToOne', target: 'plugin::newsroom.section' });
    expect(attributes.children).toMatchObject({ relation: 'oneToMany', target: 'plugin::newsroom.section' });
  });

  it('describes a ranking by kind, window, scope, size, pins and exclusions', () => {
    const attributes = attributesOf('plugin::newsroom.ranking');
    expect(attributes.kind.enum).toEqual(['most-viewed', 'most-reacted', 'trending', 'editors-picks']);
    expect(attributes.window.enum).toEqual(['last-hour', 'last-24-hours', 'last-7-days', 'last-30-days', 'all-time']);
    expect(attributes.section).toMatchObject({ relation: 'manyToOne', target: 'plugin::newsroom.section' });
    expect(attributes.size).toMatchObject({ type: 'integer', min: 1, max: 50 });
    expect(attributes.pinned).toMatchObject({ relation: 'manyToMany', target: 'plugin::newsroom.article' });
    expect(attributes.excluded).toMatchObject({ relation: 'manyToMany', target: 'plugin::newsroom.article' });
    // One slug names the ranking in every locale, so a site configures it once.
    expect(attributes.slug.pluginOptions?.i18n?.localized).toBe(false);
  });

  it('keeps the plugin types out of the content-type builder but in the content manager', () => {
    for (const uid of ['plugin::newsroom.article', 'plugin::newsroom.section', 'plugin::newsroom.ranking']) {
      const pluginOptions = strapi.contentType(uid as Parameters<Core.Strapi['contentType']>[0]).pluginOptions as Record<string, { visible?: boolean }>;
      expect(pluginOptions['content-type-builder']?.visible).toBe(false);
      expect(pluginOptions['content-manager']?.visible).toBe(true);
    }
  });

  it('lists articles by title, section and publication date, newest first, in the content manager', async () => {
    const configuration = await strapi.plugin('content-manager').service('content-types').findConfiguration({ uid: 'plugin::newsroom.article' });
    expect(configuration.layouts.list.slice(0, 3)).toEqual(['title', 'section', 'publicationDate']);
    expect(configuration.metadatas.section.edit.mainField).toBe('name');
    expect(configuration.settings).toMatchObject({ defaultSortBy: 'publicationDate', defaultSortOrder: 'DESC' });
  });
});
