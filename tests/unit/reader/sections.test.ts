import { breadcrumbOf, findNode, sectionAndDescendants, sectionTree, type SectionRow } from '../../../server/src/reader/sections';

const row = (id: string, parentId: string | null, position: number): SectionRow => ({
  documentId: id,
  slug: id,
  name: id,
  description: null,
  position,
  parentId,
});
const rows = [row('world', 'news', 1), row('news', null, 1), row('asia', 'world', 1), row('politics', 'news', 2), row('sport', null, 2)];

describe('sections', () => {
  it('builds the tree, siblings by position', () => {
    const tree = sectionTree(rows);
    expect(tree.map((node) => node.slug)).toEqual(['news', 'sport']);
    expect(tree[0].children.map((node) => node.slug)).toEqual(['world', 'politics']);
    expect(findNode(tree, 'asia')?.slug).toBe('asia');
  });

  it('gives the breadcrumb outermost first, and stops on a cycle', () => {
    expect(breadcrumbOf(rows, 'asia').map((item) => item.slug)).toEqual(['news', 'world', 'asia']);
    expect(breadcrumbOf([row('a', 'b', 0), row('b', 'a', 0)], 'a').map((item) => item.slug)).toEqual(['b', 'a']);
    expect(breadcrumbOf(rows, null)).toEqual([]);
  });

  it('lists a section and everything under it', () => {
    expect(sectionAndDescendants(rows, 'news').sort()).toEqual(['asia', 'news', 'politics', 'world']);
  });
});
