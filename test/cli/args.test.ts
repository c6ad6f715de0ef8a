import { describe, expect, it } from 'vitest';
import { readCommandLine, subcommands } from '../../src/cli/args.js';

const error = (argv: readonly string[]): string => {
  const result = readCommandLine(argv);
  return result.ok ? '' : result.error;
};

describe('readCommandLine', () => {
  it('gives every subcommand its own --help and -h', () => {
    for (const sub of subcommands) {
      for (const flag of ['--help', '-h']) {
        const result = readCommandLine([sub.name, flag]);
        expect(result.ok && result.value.kind === 'help' && result.value.text).toMatch(
          new RegExp(`^Usage: gazette ${sub.name}`),
        );
      }
    }
    expect(readCommandLine([])).toMatchObject({ ok: true, value: { kind: 'help' } });
    expect(readCommandLine(['--version'])).toEqual({ ok: true, value: { kind: 'version' } });
  });

  it('says what is wrong in one line for every misuse', () => {
    const misuses: [readonly string[], string][] = [
      [['frobnicate'], 'gazette: unknown command "frobnicate" (see gazette --help)'],
      [['--frobnicate'], 'gazette: unknown option --frobnicate (see gazette --help)'],
      [['start', '-x'], 'gazette start: unknown option -x (see gazette start --help)'],
      [
        ['digest', 'bbc-world', '--since'],
        'gazette digest: --since needs a value (see gazette digest --help)',
      ],
      [['digest'], 'gazette digest: missing <feed>... (see gazette digest --help)'],
      [['export', 'extra'], 'gazette export: unexpected argument "extra" (see gazette export --help)'],
      [['import'], 'gazette import: missing <file.opml> (see gazette import --help)'],
      [
        ['import', 'a.opml', 'b.opml'],
        'gazette import: unexpected argument "b.opml" (see gazette import --help)',
      ],
      [['condense', '--in', 'x'], 'gazette condense: --out is required (see gazette condense --help)'],
      [['start', '--help=yes'], 'gazette start: --help takes no value (see gazette start --help)'],
    ];
    for (const [argv, message] of misuses) {
      expect(error(argv), argv.join(' ')).toBe(message);
      expect(message).not.toContain('\n');
    }
  });

  it('takes options after positionals and a --since value', () => {
    expect(readCommandLine(['digest', 'a', 'b', '--since', '1h30m'])).toMatchObject({
      ok: true,
      value: { kind: 'run', positionals: ['a', 'b'], values: { since: '1h30m' } },
    });
  });

  it('reads "--since 2 days" typed without quotes as one duration, and leaves a feed named like a number alone', () => {
    expect(readCommandLine(['digest', '--since', '2', 'days', 'bbc-world'])).toMatchObject({
      ok: true,
      value: { positionals: ['bbc-world'], values: { since: '2 days' } },
    });
    expect(readCommandLine(['digest', 'a', '--since=1.5', 'hours'])).toMatchObject({
      ok: true,
      value: { positionals: ['a'], values: { since: '1.5 hours' } },
    });
    expect(readCommandLine(['digest', '--since', '2', 'world'])).toMatchObject({
      ok: true,
      value: { positionals: ['world'], values: { since: '2' } },
    });
  });
});
