import path from 'path';

export const REPOSITORY_DIR = path.resolve(__dirname, '..');
export const PLAYGROUND_DIR = path.join(REPOSITORY_DIR, 'playground');
export const PLAYGROUND_DIST_DIR = path.join(PLAYGROUND_DIR, 'dist');
