import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Exit status when the work failed: nothing could be fetched or imported, or Gazette cannot start. */
export const FAILED = 1;
/** Exit status for a misused command line: an unknown command or option, a bad value. */
export const MISUSED = 2;

/** Prints `message` on stderr and exits with `status`. */
export function fail(message: string, status = FAILED): never {
  process.stderr.write(`${message}\n`);
  process.exit(status);
}

/** The nearest folder above this file holding `name`, whether it runs from `src/` or `dist/src/`. */
export function findUp(name: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, name))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve('.');
}
