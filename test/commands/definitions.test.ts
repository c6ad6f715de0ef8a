import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';

// One table, both platforms' rules: Telegram's command names, Discord's lengths and ordering.
describe.each(commands.map((c) => [c.name, c] as const))('command %s', (_name, command) => {
  it('has a name both platforms accept', () => {
    expect(command.name).toMatch(/^[a-z0-9_]{1,32}$/);
  });

  it('has a description within Discord and Telegram limits', () => {
    expect(command.description.length).toBeGreaterThanOrEqual(3);
    expect(command.description.length).toBeLessThanOrEqual(100);
  });

  it('has valid options, required ones first', () => {
    expect(command.options.length).toBeLessThanOrEqual(25);
    let seenOptional = false;
    for (const option of command.options) {
      expect(option.name).toMatch(/^[a-z0-9_-]{1,32}$/);
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
      if (option.required)
        expect(seenOptional, `${option.name} is required after an optional one`).toBe(false);
      else seenOptional = true;
      expect((option.choices ?? []).length).toBeLessThanOrEqual(25);
      if (option.choices && option.autocomplete) throw new Error('Discord forbids choices with autocomplete');
    }
  });

  it('has an example', () => {
    expect(command.examples.length).toBeGreaterThan(0);
  });
});

describe('the command set', () => {
  it('holds every command of the design, once', () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(
      [
        'catalog',
        'digest',
        'export',
        'feeds',
        'filter',
        'help',
        'images',
        'import',
        'mute',
        'pause',
        'ping',
        'rename',
        'resume',
        'schedule',
        'subscribe',
        'topics',
        'unmute',
        'unsubscribe',
      ].sort(),
    );
  });

  it('requires a manager for every command that changes settings', () => {
    const managed = commands.filter((c) => c.permission === 'manager').map((c) => c.name);
    expect(managed.sort()).toEqual([
      'filter',
      'images',
      'import',
      'mute',
      'pause',
      'ping',
      'rename',
      'resume',
      'schedule',
      'subscribe',
      'unmute',
      'unsubscribe',
    ]);
  });
});
