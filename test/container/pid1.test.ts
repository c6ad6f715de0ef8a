import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/** True when this machine lets us start a process as PID 1 of a new PID namespace (root, Linux). */
function canBePid1(): boolean {
  const probe = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], { stdio: 'ignore' });
  return probe.status === 0;
}

const available = canBePid1();
if (!available) console.log('skipped: cannot start a process as PID 1 here (needs unshare and root)');

describe.skipIf(!available)('gazette start as PID 1, as in a container', { timeout: 120_000 }, () => {
  it('stops on SIGTERM within 5 s, with status 0', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-pid1-'));
    const cli = path.join(repoRoot, 'dist', 'src', 'cli.js');
    const outer = spawn('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, cli, 'start'], {
      cwd: repoRoot,
      env: { ...process.env, GAZETTE_DATA_DIR: dir, GAZETTE_HTTP_PORT: '0', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    outer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const closed = new Promise<number | null>((resolve) => outer.on('close', resolve));
    try {
      // Running once it says so; generous, the machine may be busy.
      for (let i = 0; i < 1200 && !stderr.includes('Gazette is running'); i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(stderr).toContain('Gazette is running');
      const children = readFileSync(`/proc/${outer.pid ?? 0}/task/${outer.pid ?? 0}/children`, 'utf8');
      const pid = Number(children.trim().split(/\s+/)[0]);
      // The kernel gives PID 1 no default signal actions: only a handler makes SIGTERM stop it.
      expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^NSpid:\s+\d+\s+1$/m);
      const sent = performance.now();
      process.kill(pid, 'SIGTERM');
      expect(await closed).toBe(0);
      expect(performance.now() - sent).toBeLessThan(5_000);
      expect(stderr).toContain('"signal":"SIGTERM"');
    } finally {
      outer.kill('SIGKILL');
    }
  });
});
