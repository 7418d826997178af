/** A section and every section below it, following `parent` links (cycles are ignored). */
export const sectionWithDescendants = (root: string, parentOf: Map<string, string | null>): Set<string> => {
  const children = new Map<string, string[]>();
  for (const [section, parent] of parentOf) {
    if (parent) children.set(parent, [...(children.get(parent) ?? []), section]);
  }
  const scope = new Set<string>([root]);
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift() as string) ?? []) {
      if (!scope.has(child)) {
        scope.add(child);
        queue.push(child);
      }
    }
  }
  return scope;
};
