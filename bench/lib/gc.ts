/**
 * A full garbage collection on demand, whether or not node was started with --expose-gc: memory
 * readings taken by `npm run bench -- …` (which starts no such flag) must count live data only.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');

/** Runs a full collection. */
export const collectGarbage = runInNewContext('gc') as () => void;
