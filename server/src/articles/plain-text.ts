/** A node of Strapi's "blocks" rich text, as much of it as plain-text extraction needs. */
export interface BlockNode {
  type?: string;
  text?: string;
  children?: BlockNode[];
}

const collect = (node: BlockNode, out: string[]): void => {
  if (typeof node.text === 'string') out.push(node.text);
  for (const child of node.children ?? []) collect(child, out);
};

/** The readable text of a blocks body: one line per block, inline formatting dropped. */
export const blocksToPlainText = (blocks: unknown): string => {
  if (!Array.isArray(blocks)) return typeof blocks === 'string' ? blocks : '';
  return blocks
    .map((block: BlockNode) => {
      const parts: string[] = [];
      collect(block, parts);
      return parts.join('');
    })
    .filter((line) => line.trim() !== '')
    .join('\n');
};
