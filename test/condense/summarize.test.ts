import { describe, expect, it } from 'vitest';
import { isAttributed, isDangling } from '../../src/condense/openers.js';
import { cutAtWord, summarize } from '../../src/condense/summarize.js';
import { danglingOpener } from './dangling.js';

const storm = {
  title: 'Storm Ida floods coastal towns',
  text: [
    'Storm Ida flooded dozens of coastal towns on Sunday, forcing thousands of residents to leave their homes.',
    'It was the strongest storm to hit the region in thirty years.',
    'The national weather service said wind speeds reached 150 kilometres per hour near the coast.',
    'However, no deaths have been reported so far.',
    'Emergency crews worked through the night to rescue residents trapped by the floods in coastal towns.',
    'Schools will stay closed until Wednesday, the regional governor said.',
    'Insurers expect claims to exceed last year’s record.',
  ].join(' '),
};

const leadingPronoun = {
  title: 'Chancellor defends budget',
  text: [
    'He defended the budget in parliament on Tuesday, calling it fair to working families.',
    'The chancellor told MPs that the budget would cut taxes for four million people.',
    'But opposition leaders said the plan would widen the deficit.',
    'The vote on the budget is expected next week.',
  ].join(' '),
};

const attribution = {
  title: 'Minister expected to resign over expenses',
  text: [
    'The transport minister is expected to resign this week over his expenses claims.',
    'Government sources told the Daily Planet that the transport minister is expected to resign this week over expenses claims.',
    'The minister has denied wrongdoing and says all claims followed the rules.',
    'An inquiry into the claims opened last month.',
  ].join(' '),
};

const german = {
  title: 'Bahn streicht Verbindungen',
  text: [
    'Er hat am Montag angekündigt, dass viele Verbindungen gestrichen werden.',
    'Die Deutsche Bahn streicht im Winter rund 200 Verbindungen im Fernverkehr, teilte das Unternehmen am Montag mit.',
    'Betroffen sind vor allem Strecken in Ostdeutschland.',
    'Aber die Gewerkschaft kritisierte die Pläne scharf.',
  ].join(' '),
};

const articles = [storm, leadingPronoun, attribution, german];
const limits = [
  { maxSentences: 1, maxChars: 400 },
  { maxSentences: 2, maxChars: 200 },
  { maxSentences: 3, maxChars: 400 },
  { maxSentences: 5, maxChars: 1000 },
  { maxSentences: 3, maxChars: 60 },
];

describe('summarize: properties', () => {
  for (const article of articles) {
    for (const options of limits) {
      it(`keeps the contract for "${article.title}" at ${options.maxSentences}/${options.maxChars}`, () => {
        const summary = summarize(article, options);
        expect(summary.sentences.length).toBeGreaterThan(0);
        expect(summary.sentences.length).toBeLessThanOrEqual(options.maxSentences);
        expect(summary.text.length).toBeLessThanOrEqual(options.maxChars);
        expect(summary.text).toBe(summary.sentences.join(' '));
        expect(danglingOpener(summary.text, summary.language)).toBeNull();
        const positions = summary.sentences.map((s) => article.text.indexOf(s.replace(/…$/u, '')));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        expect(summarize(article, options)).toEqual(summary);
      });
    }
  }
});

describe('summarize: choices', () => {
  it('lets only the opening sentence lean on the headline, not one that leans on a sentence left out', () => {
    expect(
      summarize({
        title: 'Ministers want to know what is going on',
        text: '1945 called. It wants to know what the heck is going on with the grid.',
      }).text,
    ).toBe('');
  });

  it('leaves a description that only announces links out: the headline stands alone', () => {
    for (const text of [
      'For more TeleRadyo videos, click the link below:',
      'News updates on COVID-19 (coronavirus disease 2019) and the COVID-19 vaccine:',
    ])
      expect(summarize({ title: 'Storm leaves thousands without power', text }).text).toBe('');
  });

  it('uses the defaults of 3 sentences and 400 characters', () => {
    const summary = summarize(storm);
    expect(summary.sentences.length).toBeLessThanOrEqual(3);
    expect(summary.text.length).toBeLessThanOrEqual(400);
    expect(summary.language).toBe('en');
  });

  it('opens with the lead and lets a dangling sentence in only after the sentence it leans on', () => {
    const summary = summarize(storm, { maxSentences: 3, maxChars: 1000 });
    expect(summary.sentences[0]).toMatch(/^Storm Ida flooded/u);
    for (const sentence of summary.sentences) {
      if (!isDangling(sentence)) continue;
      const before = storm.text.slice(0, storm.text.indexOf(sentence)).trim();
      expect(summary.sentences).toContainEqual(expect.stringContaining(before.slice(-30)));
    }
  });

  it('skips a first sentence that opens with a pronoun', () => {
    const summary = summarize(leadingPronoun);
    expect(summary.sentences[0]).toMatch(/^The chancellor told MPs/u);
  });

  it('prefers the attributed telling of a claim over the bare one', () => {
    const summary = summarize(attribution);
    expect(summary.text).toContain('Government sources told the Daily Planet');
    expect(summary.text).not.toContain('The transport minister is expected to resign this week over his');
  });

  it('applies German openers to German text', () => {
    const summary = summarize(german);
    expect(summary.language).toBe('de');
    expect(summary.sentences[0]).toMatch(/^Die Deutsche Bahn/u);
    expect(summary.text).not.toContain('Er hat am Montag');
    // "Aber" may follow the sentence it answers, never stand apart from it.
    if (summary.text.includes('Aber die')) expect(summary.text).toContain('Ostdeutschland. Aber die');
  });

  it('cuts the first sentence at a word boundary when nothing fits', () => {
    const summary = summarize(storm, { maxChars: 50 });
    expect(summary.sentences).toHaveLength(1);
    expect(summary.text.length).toBeLessThanOrEqual(50);
    expect(summary.text).toMatch(/^Storm Ida flooded dozens\b.*[^\s]…$/u);
    expect(storm.text.startsWith(summary.text.slice(0, -1))).toBe(true);
  });

  it('keeps a short feed description as it is', () => {
    expect(summarize({ title: 'Apple', text: 'New iPhone announced.' }).text).toBe('New iPhone announced.');
  });

  it('returns an empty summary for empty or junk-only text', () => {
    expect(summarize({ title: 'x', text: '' }).text).toBe('');
    expect(
      summarize({ title: 'x', text: 'Share this article\nPlease enter your comment!' }).sentences,
    ).toEqual([]);
  });

  it('never repeats the headline as a sentence', () => {
    const summary = summarize({
      title: 'Storm Ida floods coastal towns',
      text: `Storm Ida floods coastal towns\n\n${storm.text}`,
    });
    expect(summary.sentences).not.toContain('Storm Ida floods coastal towns');
  });

  it('returns nothing when the limits allow nothing', () => {
    expect(summarize(storm, { maxSentences: 0 }).text).toBe('');
  });
});

describe('helpers', () => {
  it.each([
    ['He said no.', true],
    ['“They will pay,” she said.', true],
    ['It’s over.', true],
    ['In addition, prices rose.', true],
    ['According to these sources, talks began.', true],
    ['Hundreds gathered.', false],
    ['Theresa May resigned.', false],
    ['Andrew Smith won.', false],
    ['Thesis defended.', false],
  ])('isDangling(%j) is %s', (sentence, expected) => {
    expect(isDangling(sentence)).toBe(expected);
  });

  it.each([
    ['Officials told Reuters the plan was dead.', true],
    ['The plan is dead, the source said.', true],
    ['Selon le ministre, le plan est mort.', true],
    ['Según fuentes oficiales, el plan murió.', true],
    ['The plan is dead.', false],
  ])('isAttributed(%j) is %s', (sentence, expected) => {
    expect(isAttributed(sentence)).toBe(expected);
  });

  it('cuts at a word boundary and marks the cut', () => {
    expect(cutAtWord('one two three four', 12)).toBe('one two…');
    expect(cutAtWord('short', 12)).toBe('short');
    // Cut inside a run with no spaces, never between the two halves of one character.
    expect(cutAtWord(`${'漢'.repeat(10)}𠀋字`, 12)).toBe(`${'漢'.repeat(10)}…`);
  });
});
