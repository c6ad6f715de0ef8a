import { describe, expect, it } from 'vitest';
import { textForTagging } from '../../src/condense/tagging-text.js';

describe('textForTagging', () => {
  it('drops a line announcing a link that is gone, with the link', () => {
    expect(
      textForTagging(
        'President Duterte addresses the nation on the quarantine.\nFor more ABS-CBN News videos, click the link below:\nhttps://example.com/abscbn',
      ),
    ).toBe('President Duterte addresses the nation on the quarantine.');
    // Announcing nothing at all: the description's last words.
    expect(
      textForTagging(
        "Here's the full episode of On The Spot, only available in the Philippines. For outside the Philippines visit:",
      ),
    ).toBe("Here's the full episode of On The Spot, only available in the Philippines.");
  });

  it('keeps a colon that introduces prose', () => {
    expect(textForTagging('The minister said:\nRates will rise next month.')).toBe(
      'The minister said:\nRates will rise next month.',
    );
    expect(textForTagging('Duterte: Metro Manila shifts to GCQ on June 1')).toBe(
      'Duterte: Metro Manila shifts to GCQ on June 1',
    );
  });
});
