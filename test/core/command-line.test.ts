import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { bindTextArgs, parseCommandLine, tokenize } from '../../src/core/command-line.js';

const byName = (name: string) => {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(name);
  return command;
};

describe('parseCommandLine', () => {
  it('splits name, target bot and arguments', () => {
    expect(parseCommandLine('/Digest@gazette_bot technology')).toEqual({
      name: 'digest',
      target: 'gazette_bot',
      rest: 'technology',
    });
    expect(parseCommandLine('/feeds')).toEqual({ name: 'feeds', target: null, rest: '' });
    expect(parseCommandLine('  /mute   Premier League ')).toEqual({
      name: 'mute',
      target: null,
      rest: 'Premier League',
    });
  });

  it('returns null for anything that is not a command', () => {
    for (const text of ['hello', '', '/', '/ digest', `/${'x'.repeat(33)}`, '//x'])
      expect(parseCommandLine(text)).toBeNull();
  });
});

describe('bindTextArgs', () => {
  it('keeps quoted runs together and gives the last option the rest', () => {
    expect(tokenize('"30 7 * * 1-5" Europe/Berlin')).toEqual(['30 7 * * 1-5', 'Europe/Berlin']);
    // /schedule takes its whole line: the service finds the zone after a schedule typed unquoted.
    expect(bindTextArgs(byName('schedule'), '"30 7 * * 1-5" Europe/Berlin')).toEqual({
      ok: true,
      value: { when: '30 7 * * 1-5 Europe/Berlin' },
    });
    expect(bindTextArgs(byName('mute'), 'Premier League')).toEqual({
      ok: true,
      value: { topic: 'Premier League' },
    });
    expect(bindTextArgs(byName('subscribe'), '')).toEqual({ ok: true, value: {} });
  });

  it('refuses extra arguments to a command that takes none', () => {
    expect(bindTextArgs(byName('feeds'), 'extra')).toEqual({
      ok: false,
      error: 'Too many arguments for /feeds.',
    });
  });
});
