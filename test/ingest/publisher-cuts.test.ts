import { describe, expect, it } from 'vitest';
import { markPublisherCuts } from '../../src/ingest/publisher-cuts.js';

const cut = (text: string): string => text.slice(0, 100);
// A text the cut happened to meet at a full stop: nothing is missing from it.
const ENDS_AT_CUT = `${'The "cuff phone" could be Microsoft\'s re-entry into the smartphone market'.padEnd(99, '!')}.`;
const LONG = [
  'Every year about this time columnists like myself tend to write any number of standard or stock columns about the year ahead.',
  'Intel killing BIOS in favour of UEFI is another turn that will open computers up to malicious programs of every kind.',
  'No one needs to go to this annual gadget tradeshow when it is already over-covered by every media outlet there is.',
];

describe('markPublisherCuts', () => {
  it('ends the texts a publisher cut at one fixed length with "…" after their last whole word, and no other', () => {
    const items = [
      ...LONG.map((text) => ({ text: cut(text) })),
      { text: 'Entire countries are going to try and replace IDs with face scans.' },
      { text: ENDS_AT_CUT },
    ];
    expect(markPublisherCuts(items).map((i) => i.text)).toEqual([
      'Every year about this time columnists like myself tend to write any number of standard or stock…',
      'Intel killing BIOS in favour of UEFI is another turn that will open computers up to malicious…',
      'No one needs to go to this annual gadget tradeshow when it is already over-covered by every media…',
      'Entire countries are going to try and replace IDs with face scans.',
      ENDS_AT_CUT,
    ]);
  });

  it('leaves texts of many lengths, or fewer than three at the longest, as they are', () => {
    const varied = LONG.map((text, i) => ({ text: text.slice(0, 90 + 5 * i) }));
    expect(markPublisherCuts(varied)).toEqual(varied);
    const oneLongest = [{ text: LONG[0] ?? '' }, ...LONG.slice(1).map((text) => ({ text: cut(text) }))];
    expect(markPublisherCuts(oneLongest)).toEqual(oneLongest);
    const short = [{ text: 'Watch live' }, { text: 'Watch live' }, { text: 'Watch live' }];
    expect(markPublisherCuts(short)).toEqual(short);
  });
});
