import request from 'supertest';

export interface GraphqlError {
  message: string;
  extensions?: { code?: string; error?: { name?: string; message?: string } };
}

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  text: string;
  body: { data?: T | null; errors?: GraphqlError[] };
}

/** POSTs a GraphQL operation to `/graphql`, as a caller with these headers. */
export const graphql = async <T = Record<string, unknown>>(
  base: string,
  query: string,
  options: { variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Promise<GraphqlResponse<T>> => {
  let call = request(base).post('/graphql');
  for (const [name, value] of Object.entries(options.headers ?? {})) call = call.set(name, value);
  const response = await call.send({ query, variables: options.variables ?? {} });
  return { status: response.status, text: response.text, body: response.body as GraphqlResponse<T>['body'] };
};

/** The fields of each answer type of the newsroom's queries: all of them, as a client would list them. */
export const FIELDS = (() => {
  const sectionRef = 'documentId slug name';
  const card = `documentId title slug publicationDate section { ${sectionRef} }`;
  const sectionNode = (depth: number): string => `${sectionRef} description position children { ${depth > 1 ? sectionNode(depth - 1) : sectionRef} }`;
  const articleView = `${card} locale dek body byline dateline source cover { url alternativeText width height } tags { name slug } views reactions`;
  const related = `${card} reasons sameStory fallback`;
  const recommendation = `${card} reason`;
  const story = `storyId size articles { ${card} views }`;
  const ranking = `slug name kind window locale computedAt entries { position ${card} pinned views reactions trend }`;
  const pagination = 'meta { pagination { page pageSize pageCount total } }';
  return {
    sectionRef,
    card,
    /** The tree to four levels: the demo's deepest sections are three down. */
    sectionTree: sectionNode(4),
    articleView,
    articleDetail: `${articleView} breadcrumb { ${sectionRef} } related { ${related} }`,
    page: `article { ${articleView} } breadcrumb { ${sectionRef} } related { ${related} } story { ${story} } rankings { ${ranking} } recommendations { ${recommendation} }`,
    story,
    ranking,
    recommendation,
    cardList: `data { ${card} views } ${pagination}`,
    section: `data { section { ${sectionNode(3)} } breadcrumb { ${sectionRef} } articles { ${card} views } } ${pagination}`,
  };
})();

/**
 * Where a GraphQL answer differs from the REST answer: every REST key must be there with an equal
 * value, and a key REST leaves out (an optional field, such as `fallback` or a ranking's figure
 * of another kind) must be null. Empty when they agree.
 */
export const differences = (graph: unknown, rest: unknown, path = '$'): string[] => {
  if (Array.isArray(rest)) {
    if (!Array.isArray(graph) || graph.length !== rest.length)
      return [`${path}: ${JSON.stringify(graph)?.slice(0, 200)} ≠ ${JSON.stringify(rest)?.slice(0, 200)}`];
    return rest.flatMap((item, index) => differences(graph[index], item, `${path}[${index}]`));
  }
  if (rest !== null && typeof rest === 'object') {
    if (graph === null || typeof graph !== 'object' || Array.isArray(graph)) return [`${path}: ${JSON.stringify(graph)} is not an object`];
    const mine = graph as Record<string, unknown>;
    const theirs = rest as Record<string, unknown>;
    return [
      ...Object.keys(theirs).flatMap((key) =>
        key in mine ? differences(mine[key], theirs[key], `${path}.${key}`) : [`${path}.${key}: not in the GraphQL answer`],
      ),
      ...Object.keys(mine)
        .filter((key) => !(key in theirs) && mine[key] !== null)
        .map((key) => `${path}.${key}: ${JSON.stringify(mine[key])} where REST has none`),
    ];
  }
  return Object.is(graph, rest) ? [] : [`${path}: ${JSON.stringify(graph)} ≠ ${JSON.stringify(rest)}`];
};
