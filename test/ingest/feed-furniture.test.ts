import { describe, expect, it } from 'vitest';
import { stripFeedFurniture } from '../../src/ingest/feed-furniture.js';

const CHANNEL =
  'Subscribe to our channel for the latest news and updates from around the world. Follow us on Twitter and find us on Facebook for more stories every day.';

describe('stripFeedFurniture', () => {
  it('drops a channel’s description appended to every item, and what was cut off inside it', () => {
    const items = [
      { title: 'Storm closes schools in the north', text: `Schools stayed shut on Monday. ${CHANNEL}` },
      { title: 'Minister resigns over contract', text: `The minister quit after an inquiry. ${CHANNEL}` },
      { title: 'Cup final goes to penalties', text: `The final ended 1-1. ${CHANNEL.slice(0, 90)}` },
      { title: 'Port reopens after strike', text: `Dockers returned to work. ${CHANNEL}` },
    ];
    expect(stripFeedFurniture(items).map((i) => i.text)).toEqual([
      'Schools stayed shut on Monday.',
      'The minister quit after an inquiry.',
      'The final ended 1-1.',
      'Dockers returned to work.',
    ]);
  });

  it('takes the rest of a sentence the furniture opened with it, leaving no stub', () => {
    const lead = 'Five things you need to know about the coronavirus pandemic and its effects';
    const items = [
      { title: 'Evening update: groups of six', text: `${lead} this evening. Groups of six may meet.` },
      { title: 'Morning update: zoos reopen', text: `${lead} this morning.` },
      { title: 'Monday update: jabs for children', text: `${lead} this Monday morning. Jabs begin.` },
      { title: 'Cup final goes to penalties', text: 'The final ended 1-1.' },
    ];
    expect(stripFeedFurniture(items).map((i) => i.text)).toEqual([
      'Groups of six may meet.',
      '',
      'Jabs begin.',
      'The final ended 1-1.',
    ]);
  });

  it('keeps a sentence that several items about one event quote', () => {
    const quote =
      'The prime minister said the port would reopen within a week, once the cranes were inspected.';
    const items = [
      { title: 'Port blast: cranes to be inspected', text: `Inspections begin. ${quote}` },
      { title: 'Port blast: reopening within a week', text: `The port will reopen. ${quote}` },
      { title: 'Port blast: prime minister visits', text: `A visit on Tuesday. ${quote}` },
      { title: 'Cup final goes to penalties', text: 'The final ended 1-1.' },
    ];
    expect(stripFeedFurniture(items)).toEqual(items);
  });

  it('drops a show’s name after “|” in the headlines, never the headline itself', () => {
    const items = ['Court challenge looms', 'Quake hits the south', 'Rates held at 3%'].map((title) => ({
      title: `${title} | TeleRadyo`,
      text: '',
    }));
    expect(
      stripFeedFurniture([...items, { title: 'TeleRadyo | TeleRadyo', text: '' }]).map((i) => i.title),
    ).toEqual(['Court challenge looms', 'Quake hits the south', 'Rates held at 3%', 'TeleRadyo']);
  });

  it('leaves a document of fewer than three items alone', () => {
    const items = [
      { title: 'A', text: `One. ${CHANNEL}` },
      { title: 'B', text: `Two. ${CHANNEL}` },
    ];
    expect(stripFeedFurniture(items)).toEqual(items);
  });

  it('reads 1 MB texts in bounded time', () => {
    const big = 'word '.repeat(200_000);
    const items = Array.from({ length: 5 }, (_, i) => ({ title: `Item ${i}`, text: `${i} ${big}` }));
    const started = performance.now();
    stripFeedFurniture(items);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
