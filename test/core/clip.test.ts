import { describe, expect, it } from 'vitest';
import { clipAtWord } from '../../src/core/clip.js';

describe('clipAtWord', () => {
  it('keeps short text and cuts long text at a word boundary with an ellipsis', () => {
    expect(clipAtWord('Short title', 20)).toBe('Short title');
    expect(clipAtWord('Storm leaves a million without power across the region', 30)).toBe(
      'Storm leaves a million…',
    );
    expect(clipAtWord('Port blast, dozens dead', 13)).toBe('Port blast…');
  });

  it('cuts inside a word only when no boundary is near, and never halves a surrogate pair', () => {
    expect(clipAtWord('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
    const clipped = clipAtWord(`${'a'.repeat(8)}😀😀`, 10);
    expect(clipped.length).toBeLessThanOrEqual(10);
    expect(clipped).toBe(`${'a'.repeat(8)}…`);
  });
});
