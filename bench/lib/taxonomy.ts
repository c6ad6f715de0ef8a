/** The topic taxonomy of the repository's own configuration, as the benches read it. */

import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Topic } from '../../src/core/types.js';

/** The configured topics; throws with the configuration's own message when it cannot be read. */
export function configuredTopics(): readonly Topic[] {
  const repo = path.resolve(import.meta.dirname, '../..');
  const config = loadConfig({ configDir: path.join(repo, 'config'), env: {} });
  if (!config.ok) throw new Error(config.error);
  return config.value.topics;
}
