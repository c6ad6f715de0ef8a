import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ once per run when sources changed: end-to-end tests spawn the built CLI.
    globalSetup: ['test/setup/build.ts'],
    // A shared machine under load can be slow; these only end a test that hangs.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on two cores is one worker; much of the suite waits on processes it spawned
    // and servers it talks to, so two files at a time use the machine better.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Files of one worker share loaded modules instead of importing them afresh, which was most
    // of the suite's CPU time. Tests keep no state in modules: each builds its own app, store and
    // servers, and restores the timers it fakes.
    isolate: false,
  },
});
