import { join } from 'node:path';

/** The compiled build the process tests start (`npm test` builds first); TEST_DIST_DIR points at another build. */
export const DIST_DIR = process.env.TEST_DIST_DIR ?? join(__dirname, '../../dist');
