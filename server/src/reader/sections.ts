import type { SectionNode, SectionRef } from './types';

/** A section row as read, with its parent's document id. */
export interface SectionRow extends SectionRef {
  description: string | null;
  position: number;
  parentId: string | null;
}

const byPosition = (a: SectionNode, b: SectionNode): number =>
  a.position - b.position || a.name.localeCompare(b.name) || a.documentId.localeCompare(b.documentId);

/** The sections of a locale as a tree, siblings by position. */
export const sectionTree = (rows: SectionRow[]): SectionNode[] => {
  const nodes = new Map<string, SectionNode>(
    rows.map((row) => [
      row.documentId,
      { documentId: row.documentId, slug: row.slug, name: row.name, description: row.description, position: row.position, children: [] },
    ]),
  );
  const roots: SectionNode[] = [];
  for (const row of rows) {
    const node = nodes.get(row.documentId) as SectionNode;
    const parent = row.parentId ? nodes.get(row.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: SectionNode[]): SectionNode[] => list.sort(byPosition).map((node) => ({ ...node, children: sort(node.children) }));
  return sort(roots);
};

/** The section and its parents, outermost first; a cycle made by hand in the data stops the walk. */
export const breadcrumbOf = (rows: SectionRow[], sectionId: string | null): SectionRef[] => {
  const byId = new Map(rows.map((row) => [row.documentId, row]));
  const trail: SectionRef[] = [];
  const seen = new Set<string>();
  for (let id = sectionId; id && byId.has(id) && !seen.has(id); id = byId.get(id)?.parentId ?? null) {
    seen.add(id);
    const { documentId, slug, name } = byId.get(id) as SectionRow;
    trail.unshift({ documentId, slug, name });
  }
  return trail;
};

/** The section and every section under it, for "articles in this section". */
export const sectionAndDescendants = (rows: SectionRow[], sectionId: string): string[] => {
  const ids = [sectionId];
  for (let index = 0; index < ids.length; index += 1) {
    for (const row of rows) if (row.parentId === ids[index] && !ids.includes(row.documentId)) ids.push(row.documentId);
  }
  return ids;
};

/** A section's node, with its sub-sections, found anywhere in the tree. */
export const findNode = (tree: SectionNode[], documentId: string): SectionNode | null => {
  for (const node of tree) {
    if (node.documentId === documentId) return node;
    const found = findNode(node.children, documentId);
    if (found) return found;
  }
  return null;
};
