import { describe, expect, it } from 'vitest';
import { trimClause } from '../../src/condense/clause-trim.js';

describe('trimClause', () => {
  it('cuts before a clause of its own, never inside a list or before the subject', () => {
    const list =
      'New Zealand did not join Canada, the UK and Australia in condemning the national security law passed in Beijing this week.';
    expect(trimClause(list, 60)).toBeNull();
    const opening =
      'In one of the more bizarre developments of the summer so far, the animal rights brigade are trying to force the festival to turn vegan.';
    expect(trimClause(opening, 80)).toBeNull();
    const relative =
      'The council approved the harbour rebuild on Tuesday after a long debate, which means the northern quay will close for two years.';
    expect(trimClause(relative, 90)).toBe(
      'The council approved the harbour rebuild on Tuesday after a long debate…',
    );
  });

  it('still cuts at a semicolon or a dash, and before a connective of the item’s language', () => {
    expect(
      trimClause(
        'The port stays shut until Friday at the earliest; the cranes need new inspections first.',
        60,
      ),
    ).toBe('The port stays shut until Friday at the earliest…');
    expect(
      trimClause(
        'O porto vai continuar fechado até sexta-feira pelo menos, e os guindastes serão inspecionados.',
        70,
        true,
        'pt',
      ),
    ).toBe('O porto vai continuar fechado até sexta-feira pelo menos…');
    expect(
      trimClause(
        'A ex-enfermeira do falecido Hugo Chávez, ex-presidente venezuelano, foi presa na Espanha.',
        60,
        true,
        'pt',
      ),
    ).toBeNull();
  });

  it('never cuts before what qualifies the head, in any language', () => {
    expect(
      trimClause(
        'Taylor, who has consistently said he supports Trump, but “not blindly,” said last night’s wins were “a referendum” on the President.',
        80,
        false,
      ),
    ).toBeNull();
    expect(
      trimClause(
        'O porto vai continuar fechado até sexta-feira pelo menos, mas os guindastes já foram inspecionados.',
        70,
        true,
        'pt',
      ),
    ).toBeNull();
  });
});
