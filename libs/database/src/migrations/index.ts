import { CoreSchema1763800000000 } from './1763800000000-core-schema';

/** Every migration, in order; listed explicitly so the compiled build needs no file globbing. */
export const MIGRATIONS = [CoreSchema1763800000000];
