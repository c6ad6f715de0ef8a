import { describe, expect, it } from 'vitest';
import { sectionAgreement } from '../../bench/lib/section-agreement.js';
import { corpusAvailable } from './corpus.js';

const available = corpusAvailable('URL sections');

describe.skipIf(!available)('the sections article addresses name, against the topic corpus', () => {
  // Floors of the reader as committed (`npm run bench -- sections`: 95.6% the same, at most 2.5%
  // of an outlet read as another topic); the corpus's labels come from these very addresses.
  it('names the corpus topic for most items and rarely another one', () => {
    const outlets = sectionAgreement();
    const items = outlets.reduce((n, o) => n + o.items, 0);
    const same = outlets.reduce((n, o) => n + o.same, 0);
    expect(items).toBeGreaterThan(20_000);
    expect(same / items).toBeGreaterThanOrEqual(0.95);
    for (const o of outlets)
      expect((o.items - o.same - o.none) / o.items, o.outlet).toBeLessThanOrEqual(0.03);
  });
});
