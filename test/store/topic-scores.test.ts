import { describe, expect, it } from 'vitest';
import { parseTopicScores } from '../../src/store/rows.js';

describe('stored topic readings', () => {
  it('reads an object of probabilities', () => {
    expect(parseTopicScores('{"world":0.62,"politics":0.3}')).toEqual({ world: 0.62, politics: 0.3 });
    expect(parseTopicScores('{}')).toEqual({});
  });

  it('reads nothing, rather than failing a digest, from what is not one', () => {
    for (const stored of [
      null,
      '',
      'not json',
      '[0.5]',
      '"world"',
      'null',
      '{"world":"0.6"}',
      '{"world":1.5}',
      '{"world":-0.1}',
    ])
      expect(parseTopicScores(stored)).toEqual({});
  });
});
