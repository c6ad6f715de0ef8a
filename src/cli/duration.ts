/** Durations as the command line reads them: the same reading as chat commands. */
export { parseDuration } from '../core/duration.js';
