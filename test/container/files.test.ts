import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/cli.js';

const read = (name: string): string => readFileSync(path.join(repoRoot, name), 'utf8');

interface ComposeService {
  readonly image?: string;
  readonly build?: unknown;
  readonly environment?: Record<string, string>;
  readonly depends_on?: Record<string, { condition: string }>;
  readonly volumes?: readonly string[];
  readonly healthcheck?: { test: readonly string[] | string };
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };

  it('runs Gazette on PostgreSQL, each with a health check and a named volume', () => {
    const { gazette, postgres } = compose.services;
    expect(gazette?.build).toBe('.');
    expect(postgres?.image).toMatch(/^postgres:\d+/);
    expect(gazette?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(gazette?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/gazette:.*@postgres:5432\/gazette$/);
    expect(JSON.stringify(gazette?.healthcheck?.test)).toContain('/healthz');
    expect(JSON.stringify(postgres?.healthcheck?.test)).toContain('pg_isready');
    for (const [service, mount] of [
      [gazette, 'gazette-data:/data'],
      [postgres, 'postgres-data:/var/lib/postgresql/data'],
    ] as const) {
      expect(service?.volumes).toContain(mount);
      expect(compose.volumes).toHaveProperty(mount.split(':')[0] ?? '');
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('pins its base by digest, builds the native module once and checks health', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim@sha256:[0-9a-f]{64}$/m);
    expect(dockerfile.match(/^FROM \$\{NODE_IMAGE\}/gm)).toHaveLength(2);
    // One install with the toolchain; the final stage copies its node_modules.
    expect(dockerfile.match(/npm ci/g)).toHaveLength(1);
    expect(dockerfile.match(/python3 make g\+\+/g)).toHaveLength(1);
    expect(dockerfile).toContain('COPY --from=build /app/node_modules ./node_modules');
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(dockerfile).toMatch(/^EXPOSE 8443 9464$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "dist\/src\/cli\.js"\]$/m);
  });
});
