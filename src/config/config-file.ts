import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the configuration folder that ships with Gazette (trained models, vectors), found from
 * this module whether it runs from `src/` or `dist/src/`; falls back to `config/` under the
 * working directory.
 */
export function shippedConfigFile(name: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'config', name);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve('config', name);
}
