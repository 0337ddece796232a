import * as path from 'node:path';

/** The repository root, from out/test/unit. */
export const REPO = path.resolve(__dirname, '../../..');
export const DEMO_CORPUS = path.join(REPO, 'corpus');
export const FIXTURES = path.join(REPO, 'test/fixtures');
