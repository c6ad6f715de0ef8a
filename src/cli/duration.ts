/** Durations as the command line reads them: the same reading as chat commands. */
export { durationProblem, parseDuration } from '../core/duration.js';
