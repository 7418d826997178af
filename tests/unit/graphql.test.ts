import type { Core } from '@strapi/strapi';
import { validateConfig } from '../../server/src/config';
import config from '../../server/src/config';
import { PUBLIC_ACTIONS } from '../../server/src/content-api/routes';
import { EDITORIAL_FIELDS, registerGraphql } from '../../server/src/graphql';
import type { Extension, Nexus } from '../../server/src/graphql/nexus';
import { createReads } from '../../server/src/graphql/queries';

/** A stand-in for Strapi's GraphQL extension service that records what the plugin asks of it. */
const fakeGraphql = () => {
  const calls: string[] = [];
  const extensions: Array<(context: { nexus: Nexus }) => Extension> = [];
  const shadowCRUD = (uid: string) => {
    const type = {
      disable: () => (calls.push(`${uid} disable`), type),
      disableMutations: () => (calls.push(`${uid} disableMutations`), type),
      field: (name: string) => {
        const field = { disable: () => (calls.push(`${uid}.${name} disable`), field) };
        return field;
      },
    };
    return type;
  };
  const service = { shadowCRUD, use: (extension: (context: { nexus: Nexus }) => Extension) => extensions.push(extension) };
  return { calls, extensions, plugin: { service: (name: string) => (name === 'extension' ? service : undefined) } };
};

/** Nexus builders that keep their arguments, enough to read the queries' definitions. */
const nexus: Nexus = {
  objectType: (definition) => definition,
  extendType: (definition) => definition,
  nonNull: (type) => ({ nonNull: type }),
  list: (type) => ({ list: type }),
  stringArg: () => 'String',
  intArg: () => 'Int',
};

const strapiWith = (plugins: Record<string, unknown>, newsroomConfig: Record<string, unknown> = {}): Core.Strapi =>
  ({
    plugin: (name: string) => plugins[name],
    config: { get: (key: string) => (key === 'plugin::newsroom.graphql' ? newsroomConfig.graphql : undefined) },
  }) as unknown as Core.Strapi;

describe('GraphQL registration', () => {
  it('does nothing in an app without the GraphQL plugin', () => {
    expect(registerGraphql(strapiWith({}))).toBe(false);
  });

  it("takes the plugin's four content types out of the generated schema by default", () => {
    const graphql = fakeGraphql();
    expect(registerGraphql(strapiWith({ graphql: graphql.plugin }))).toBe(true);
    expect(graphql.calls).toEqual(['article', 'section', 'ranking', 'tag'].map((type) => `plugin::newsroom.${type} disable`));
    expect(graphql.extensions).toHaveLength(1);
  });

  it('with graphql.shadowCrud, keeps their queries but no mutation and no editorial field', () => {
    const graphql = fakeGraphql();
    registerGraphql(strapiWith({ graphql: graphql.plugin }, { graphql: { shadowCrud: true } }));
    for (const type of ['article', 'section', 'ranking', 'tag']) expect(graphql.calls).not.toContain(`plugin::newsroom.${type} disable`);
    expect(graphql.calls.filter((call) => call.endsWith('disableMutations'))).toHaveLength(4);
    const fields = Object.entries(EDITORIAL_FIELDS).flatMap(([uid, names]) => names.map((name) => `${uid}.${name} disable`));
    expect(graphql.calls.filter((call) => !call.endsWith('disableMutations'))).toEqual(fields);
    expect(fields).toEqual(
      expect.arrayContaining(
        ['relatedPinned', 'relatedExcluded', 'hideRelated', 'neverListAsRelated', 'notInStory'].map((name) => `plugin::newsroom.article.${name} disable`),
      ),
    );
  });

  it("opens every query to all callers, each guarded by its REST route's public action", () => {
    const graphql = fakeGraphql();
    registerGraphql(strapiWith({ graphql: graphql.plugin }));
    const extension = graphql.extensions[0]({ nexus });
    const reads = createReads(strapiWith({}), nexus);
    expect(Object.keys(extension.resolversConfig).sort()).toEqual(
      Object.keys(reads)
        .map((name) => `Query.${name}`)
        .sort(),
    );
    for (const setting of Object.values(extension.resolversConfig)) expect(setting).toEqual({ auth: false });
    // One query per read route: every public action but the beacons.
    const actions = Object.values(reads).map((read) => `plugin::newsroom.${read.action}`);
    expect(actions.sort()).toEqual(PUBLIC_ACTIONS.filter((action) => !action.includes('.counters.')).sort());
  });
});

describe('the graphql settings', () => {
  const valid = config.default();

  it('are optional, and take a boolean shadowCrud', () => {
    expect(() => validateConfig(valid)).not.toThrow();
    expect(() => validateConfig({ ...valid, graphql: { shadowCrud: true } })).not.toThrow();
  });

  it('refuse anything else, naming the setting', () => {
    expect(() => validateConfig({ ...valid, graphql: { shadowCrud: 'yes' } })).toThrow(/graphql\.shadowCrud/);
    expect(() => validateConfig({ ...valid, graphql: { mutations: true } })).toThrow(/graphql\.mutations/);
  });
});
