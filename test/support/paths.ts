import * as path from 'path';

/** The repository root, from the compiled location `out/test/<dir>/`. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const DIST = path.join(REPO_ROOT, 'dist');
