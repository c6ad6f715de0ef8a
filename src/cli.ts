#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCommandLine } from './cli/args.js';
import { FAILED, MISUSED, fail, findUp } from './cli/exit.js';

function version(): string {
  const file = path.join(findUp('package.json'), 'package.json');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: string };
  return parsed.version ?? 'unknown';
}

/** Reads the command line first, so a misuse or --help answers at once without loading the app. */
async function main(argv: readonly string[]): Promise<void> {
  const parsed = readCommandLine(argv);
  if (!parsed.ok) fail(parsed.error, MISUSED);
  const invocation = parsed.value;
  if (invocation.kind === 'version') {
    process.stdout.write(`gazette ${version()}\n`);
    return;
  }
  if (invocation.kind === 'help') {
    process.stdout.write(`${invocation.text}\n`);
    return;
  }
  const { run } = await import('./cli/run.js');
  await run(invocation);
}

main(process.argv.slice(2)).catch(async (error: unknown) => {
  const { describeFailure } = await import('./cli/run.js');
  fail(describeFailure(error), FAILED);
});
