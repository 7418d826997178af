import fs from 'fs';
import path from 'path';
import { REPOSITORY_DIR } from '../../../support/paths';

const ADMIN_DIR = path.join(REPOSITORY_DIR, 'admin', 'src');
const messages = (locale: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ADMIN_DIR, 'translations', `${locale}.json`), 'utf8'));

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) ? [fs.readFileSync(file, 'utf8')] : [];
  });

describe('admin translations', () => {
  it('English and French have the same keys, none empty', () => {
    const en = messages('en');
    const fr = messages('fr');
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(en), ...Object.values(fr)]) expect(value.trim()).not.toBe('');
  });

  it('every literal key the admin asks for is translated', () => {
    const en = messages('en');
    const used = sources(ADMIN_DIR).flatMap((text) => [...text.matchAll(/\bt\('([a-zA-Z][\w.-]*)'/g)].map((match) => match[1]));
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((key) => !(key in en))).toEqual([]);
  });

  it('every settings field, group and ranking kind has a label', () => {
    const en = messages('en');
    const fields = fs.readFileSync(path.join(ADMIN_DIR, 'pages', 'settings-fields.ts'), 'utf8');
    const paths = [...fields.matchAll(/path: '([\w.]+)'/g)].map((match) => `settings.field.${match[1]}`);
    const groups = [...fields.matchAll(/key: '(\w+)'/g)].map((match) => `settings.group.${match[1]}`);
    const kinds = ['most-viewed', 'most-reacted', 'trending', 'editors-picks'].map((kind) => `ranking.figure.${kind}`);
    const statuses = ['running', 'done', 'failed'].map((status) => `rebuild.status.${status}`);
    expect(paths.length).toBeGreaterThan(10);
    expect([...paths, ...groups, ...kinds, ...statuses].filter((key) => !(key in en))).toEqual([]);
  });
});
