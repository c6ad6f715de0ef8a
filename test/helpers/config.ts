import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';

/** The repository's configuration with tests' needs: loopback allowed, short timeouts. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const loaded = loadConfig({ configDir: path.resolve(import.meta.dirname, '../../config'), env: {} });
  if (!loaded.ok) throw new Error(loaded.error);
  const base = loaded.value;
  return {
    ...base,
    logLevel: 'silent',
    fetch: { ...base.fetch, allowPrivateNetworks: 'loopback', timeoutMs: 2_000, connectTimeoutMs: 1_000 },
    ...overrides,
  };
}
