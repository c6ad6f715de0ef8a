import { describe, expect, it } from 'vitest';
import { createFieldNameFinder } from '../../src/condense/field-names.js';
import { topic } from '../helpers/topic.js';

const find = createFieldNameFinder([
  topic('world'),
  topic('technology', [], { names: ['technology', 'technologies'] }),
  topic('sport', [], { names: ['sport', 'sports'] }),
  topic('health', [], { names: ['health care'] }),
]);
const named = (lead: string): number[] => [...find(lead)].sort();

describe('field names in a lead', () => {
  it('finds a field the lead names as the subject of a clause', () => {
    expect(named('Voters get a stamp on the hand. This new technology is causing concern.')).toEqual([1]);
    expect(named('Three riders failed tests. The sport has been hit before.')).toEqual([2]);
    expect(named('Such technologies could be banned.')).toEqual([1]);
    expect(named('A cap on fees. The public health  care will cost more.')).toEqual([3]);
  });

  it('finds a field that owns something', () => {
    expect(named('Three riders failed tests, and the sport’s rulers said more would follow.')).toEqual([2]);
    expect(named("The sport's governing body met.")).toEqual([2]);
  });

  it('ignores the words as objects, modifiers, idioms or product names', () => {
    expect(named('"In most cases, we have the technology, and we are on a path."')).toEqual([]);
    expect(named('The technology giant is hiring.')).toEqual([]);
    expect(named('The sports car was recalled.')).toEqual([]);
    expect(named('The health care system was told to pay.')).toEqual([]);
    expect(named('In this business, that is a long time.')).toEqual([]);
    expect(named('The Samsung Gear Sport is accurate.')).toEqual([]);
    expect(named('Technology is changing.')).toEqual([]);
    expect(named('The technologyist is here. The sports-car is red.')).toEqual([]);
    expect(named('Healthcare is costly. The technology-led firms have had a year.')).toEqual([]);
  });

  it('never names a topic without names', () => {
    expect(named('The world is watching. The world has changed.')).toEqual([]);
  });
});
