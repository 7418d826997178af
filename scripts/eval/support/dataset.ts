import { readFileSync } from 'fs';

/** One labelled document of an evaluation corpus. */
export interface Example {
  id: string;
  /** The label: a topic (BBC) or a story (BASIL); never given to the engine. */
  category: string;
  title: string;
  body: string;
  /** Publication time (ms), from the row's `date` when it has one. */
  publishedAt: number | null;
}

/** Reads JSON Lines `{"id","category","title","body","date"?}`; ids must be unique. */
export const readDataset = (path: string): Example[] => {
  const examples = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const row = JSON.parse(line) as { id?: unknown; category?: unknown; title?: unknown; body?: unknown; date?: unknown };
      if (typeof row.category !== 'string' || typeof row.title !== 'string' || typeof row.body !== 'string') {
        throw new Error(`${path}:${index + 1}: needs "category", "title" and "body" strings`);
      }
      const date = typeof row.date === 'string' ? Date.parse(row.date) : NaN;
      return { id: String(row.id ?? index), category: row.category, title: row.title, body: row.body, publishedAt: Number.isFinite(date) ? date : null };
    });
  if (new Set(examples.map((example) => example.id)).size !== examples.length) throw new Error('document ids must be unique');
  return examples;
};
