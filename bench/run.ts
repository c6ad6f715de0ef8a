/**
 * Runs every benchmark under bench/ in its own process, so each one's peak memory is its own.
 * `npm run bench -- ingest` runs only the named ones. Benchmarks print numbers; none fails a build.
 * `eval.ts` scores quality rather than speed and runs on its own (`npm run eval`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const here = import.meta.dirname;
// Names pick benchmarks; everything from the first `--flag` on is passed to each (`pipeline --feeds 10000`).
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const wanted = firstFlag === -1 ? args : args.slice(0, firstFlag);
const passed = firstFlag === -1 ? [] : args.slice(firstFlag);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'eval.ts' && !f.startsWith('_'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
for (const script of scripts) {
  console.log(`\n## ${script}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script), ...passed], {
    stdio: 'inherit',
  });
  if (result.status !== 0)
    console.log(`(${script} exited with ${result.status ?? result.signal ?? 'unknown'})`);
}
