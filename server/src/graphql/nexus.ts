/**
 * The few parts of Strapi's GraphQL plugin (and of the nexus it hands to extensions) this plugin
 * uses, typed here: the plugin must load in an app without GraphQL, so it neither depends on nor
 * imports either package. Strapi passes its own nexus to `extension.use(...)` at schema build time.
 */

export interface FieldConfig {
  type: unknown;
  description?: string;
  args?: Record<string, unknown>;
  resolve?: (parent: unknown, args: Record<string, unknown>) => unknown;
}

/** `t` in a nexus `definition(t)`: `t.nonNull.list.nonNull.field(...)` and the like. */
export interface OutputBlock {
  readonly nonNull: OutputBlock;
  readonly list: OutputBlock;
  string(name: string, config?: { description?: string }): void;
  int(name: string, config?: { description?: string }): void;
  float(name: string, config?: { description?: string }): void;
  boolean(name: string, config?: { description?: string }): void;
  field(name: string, config: FieldConfig): void;
}

export interface ArgConfig {
  description?: string;
}

export interface Nexus {
  objectType(config: { name: string; description?: string; definition(t: OutputBlock): void }): unknown;
  extendType(config: { type: 'Query'; definition(t: OutputBlock): void }): unknown;
  nonNull(type: unknown): unknown;
  list(type: unknown): unknown;
  stringArg(config?: ArgConfig): unknown;
  intArg(config?: ArgConfig): unknown;
}

/** What an extension answers: nexus types and the settings of their resolvers (auth, policies). */
export interface Extension {
  types: unknown[];
  resolversConfig: Record<string, { auth?: false }>;
}

export interface FieldSwitch {
  disable(): FieldSwitch;
}

/** Strapi's switches for the queries and mutations it generates for one content type. */
export interface ShadowCrudSwitch {
  disable(): ShadowCrudSwitch;
  disableMutations(): ShadowCrudSwitch;
  field(name: string): FieldSwitch;
}

/** `strapi.plugin('graphql').service('extension')`. */
export interface ExtensionService {
  shadowCRUD(uid: string): ShadowCrudSwitch;
  use(configuration: (context: { nexus: Nexus }) => Extension): unknown;
}
