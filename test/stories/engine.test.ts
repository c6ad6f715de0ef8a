import { describe, expect, it } from 'vitest';
import { inventedStories } from '../helpers/invented-stories.js';
import { createStoryEngine, type StoryEngine } from '../../src/stories/engine.js';
import type { StoryItem } from '../../src/stories/item-vector.js';
import { defaultStoryModel } from '../../src/stories/story-model.js';
import { leadsOf, secondsOf } from '../../src/stories/story-state.js';
import { prepareItem, ROUNDUP } from '../../src/stories/prepared-item.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 10, 6);

const rows = inventedStories();
const sources = [...new Set(rows.map((r) => r.source))];
const items: StoryItem[] = rows.map((r, i) => ({
  id: i,
  outlet: sources.indexOf(r.source),
  url: r.url,
  title: r.title,
  lead: r.text,
  language: 'en',
  publishedAt: Date.parse(r.published),
  firstSeenAt: Date.parse(r.published),
  stableKey: r.url,
}));

const engine = (): StoryEngine => createStoryEngine({ model: defaultStoryModel() });

/** Each item's story, named by the story's first item: comparable across engines. */
function partition(e: StoryEngine, of: readonly StoryItem[]): number[] {
  return of.map((item) => e.storyOf(item.id)?.founder.id ?? -1);
}

/** A seeded shuffle, so a failure can be replayed. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function addInPolls(e: StoryEngine, list: readonly StoryItem[], seed: number): void {
  let state = seed;
  for (let i = 0; i < list.length;) {
    state = (state * 48_271) % 2_147_483_647;
    const size = 1 + (state % 7);
    e.add(list.slice(i, i + size));
    i += size;
  }
}

describe('the story engine gives the same stories whatever the arrival order', () => {
  const reference = engine();
  reference.add(items);
  const expected = partition(reference, items);

  for (const seed of [1, 7, 42, 1234, 99_991]) {
    it(`arrival order ${seed}, in polls of 1 to 7 items`, () => {
      const e = engine();
      addInPolls(e, shuffled(items, seed), seed);
      expect(partition(e, items)).toEqual(expected);
    });
  }

  it('a late item rewinds the ones after it: the result is that of time order', () => {
    const e = engine();
    const late = items.slice(0, 10);
    e.add(items.slice(10));
    e.add(late);
    expect(partition(e, items)).toEqual(expected);
  });

  it('adds in steps that pause between items, with the stories of one add', () => {
    const e = engine();
    let pauses = 0;
    for (const poll of [items.slice(20), items.slice(0, 20)]) {
      const steps = e.adding(poll);
      while (steps.next().done !== true) pauses++;
    }
    expect(pauses).toBeGreaterThan(0);
    expect(partition(e, items)).toEqual(expected);
  });

  it('files many late items one at a time, each replaying the rest, with the stories of one add', () => {
    // Every add kills and refounds the stories after it: far more dead stories than the window holds.
    const e = engine();
    for (const one of [...items].reverse()) e.add([one]);
    expect(partition(e, items)).toEqual(expected);
  });

  it('an item given again replaces its record rather than adding a second one', () => {
    const e = engine();
    e.add(items);
    e.add(items.slice(0, 5));
    expect(e.itemCount).toBe(items.length);
    expect(partition(e, items)).toEqual(expected);
  });
});

/** Copy `i` of one feed's one item, a second apart, each at an address of its own (item 100 + i). */
function spamCopy(i: number): StoryItem {
  return item(100 + i, {
    outlet: 1,
    title: 'You won a free iPhone click here now',
    lead: 'Claim your free iPhone today, limited offer, click here now.',
    url: `https://spam.example/p/${i}`,
    publishedAt: T0 + i * 1_000,
    firstSeenAt: T0 + i * 1_000,
  });
}

function item(id: number, over: Partial<StoryItem>): StoryItem {
  return {
    id,
    outlet: id,
    url: `https://outlet${id}.example/news/${id}`,
    title: '',
    lead: '',
    language: 'en',
    publishedAt: T0 + id * 60_000,
    firstSeenAt: T0 + id * 60_000,
    stableKey: `k${id}`,
    ...over,
  };
}

const blast = (id: number, outlet: number): StoryItem =>
  item(id, {
    outlet,
    title: 'Huge explosion at Beirut port kills dozens and injures thousands',
    lead: 'A massive explosion tore through the port of Beirut on Tuesday, killing dozens, Lebanese officials said.',
  });

describe('the story engine on hostile and odd input', () => {
  it('joins another outlet telling the same event, and an item at the same address', () => {
    const e = engine();
    e.add([
      blast(1, 1),
      blast(2, 2),
      item(3, { outlet: 3, url: 'https://outlet1.example/news/1', title: 'x' }),
    ]);
    expect(e.storyOf(2)?.founder.id).toBe(1);
    expect(e.storyOf(3)?.founder.id).toBe(1);
  });

  it("keeps apart two unrelated articles whose addresses share the index's 30-bit hash", () => {
    const e = engine();
    e.add([
      item(1, {
        outlet: 1,
        url: 'https://news73.example/world/article-849',
        title: 'Huge explosion at Beirut port kills dozens and injures thousands',
        lead: 'A massive explosion tore through the port of Beirut on Tuesday, killing dozens, officials said.',
      }),
      item(2, {
        outlet: 2,
        url: 'https://news87.example/world/article-37723',
        title: 'Council approves new budget for parks and libraries',
        lead: 'The city council voted on Tuesday to approve a budget that expands funding for parks and libraries.',
      }),
    ]);
    expect(e.storyOf(2)?.founder.id).toBe(2);
  });

  it('keeps a lead in each language its members are written in', () => {
    const e = engine();
    e.add([blast(1, 1), blast(2, 2)]);
    const english = e.storyOf(1);
    expect(english === null ? [] : [...leadsOf(english).keys()]).toEqual(['en']);
    expect(english?.leads).toBeNull();
    e.add([
      item(3, {
        outlet: 3,
        url: 'https://outlet1.example/news/1',
        title: 'Explosion à Beyrouth',
        language: 'fr',
      }),
    ]);
    const both = e.storyOf(3);
    expect(both === null ? [] : [...leadsOf(both)].map(([l, r]) => [l, r.id])).toEqual([
      ['en', both?.lead.id],
      ['fr', 3],
    ]);
  });

  it('leads with a telling it can summarise over a bare headline, and with an article over a video', () => {
    const bare = blast(1, 1);
    const e = engine();
    e.add([{ ...bare, lead: '' }, blast(2, 2)]);
    expect(e.storyOf(1)?.lead.id).toBe(2);
    // The video has text, the article only its headline: the article still leads.
    const f = engine();
    f.add([
      { ...bare, lead: '' },
      { ...blast(2, 2), url: 'https://www.youtube.com/watch?v=beirut' },
    ]);
    expect(f.storyOf(1)?.lead.id).toBe(1);
  });

  it('keeps filing copies of a wire story told by 1,500 outlets into its one story', () => {
    const e = engine();
    for (let n = 1; n <= 1_500; n++)
      e.add([{ ...blast(n, n), url: `https://outlet${n}.example/world/blast` }]);
    expect(e.storyOf(1_500)?.members.length).toBe(1_500);
  });

  it('keeps empty and 10 kB headlines apart, in bounded time', () => {
    const e = engine();
    const huge = 'Explosion '.repeat(1_000);
    const started = performance.now();
    e.add([
      item(1, { title: '' }),
      item(2, { title: '' }),
      item(3, { title: huge }),
      item(4, { title: huge, outlet: 9 }),
    ]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(e.storyOf(2)?.founder.id).toBe(2);
  });

  it('never joins template headlines of unrelated outlets', () => {
    const e = engine();
    const templates = ['Daily quiz', 'Horoscope', 'Daily quiz', 'Horoscope', 'Daily quiz'].map((title, i) =>
      item(i + 1, { outlet: i + 1, title }),
    );
    e.add(templates);
    for (const t of templates) expect(e.storyOf(t.id)?.members).toHaveLength(1);
  });

  it("joins several outlets' same short headline when it names someone", () => {
    const e = engine();
    const leads = [
      'Diego Maradona, the Argentine football legend, has died of a heart attack at his home aged 60.',
      'Argentine football great Diego Maradona has died aged 60 after a heart attack, his lawyer said.',
      'Diego Maradona, who led Argentina to the 1986 World Cup, died on Wednesday aged 60.',
    ];
    e.add(leads.map((lead, i) => item(i + 1, { outlet: i + 1, title: 'Maradona dies', lead })));
    expect(e.storyOf(3)?.members).toHaveLength(3);
  });

  it('never joins template headlines of unrelated outlets, whatever their descriptions say', () => {
    const e = engine();
    const subjects = [
      'a data breach',
      'the election',
      'a storm',
      'the markets',
      'a court ruling',
      'the cup final',
    ];
    const templates = ['Daily quiz', 'Morning briefing', 'In pictures'].flatMap((title, t) =>
      subjects.map((subject, i) =>
        item(100 * (t + 1) + i, {
          outlet: i + 1,
          title,
          lead: `Test your knowledge with today's questions on ${subject}, and what else you need to know.`,
        }),
      ),
    );
    e.add(templates);
    for (const t of templates) expect(e.storyOf(t.id)?.members, t.title).toHaveLength(1);
  });

  it('keeps one outlet’s series apart and a roundup on its own', () => {
    const e = engine();
    e.add([
      item(1, { outlet: 5, title: 'Best of cartoons, May 28, 2020' }),
      item(2, { outlet: 5, title: 'Best of cartoons, May 29, 2020' }),
      blast(3, 1),
      item(4, {
        outlet: 6,
        title: 'Live updates: Beirut port explosion kills dozens; storm batters coast; markets fall sharply',
      }),
    ]);
    expect(e.storyOf(2)?.founder.id).toBe(2);
    expect(e.storyOf(4)?.founder.id).toBe(4);
  });

  it('keeps a gallery, a quiz and a podcast of an event apart from its story, by section or label', () => {
    const e = engine();
    const quake = (id: number, title: string, url?: string) =>
      item(id, {
        outlet: id,
        title,
        lead: 'A magnitude 7.1 earthquake struck off the coast of Miyagi in northern Japan, prompting a tsunami warning.',
        ...(url === undefined ? {} : { url }),
      });
    e.add([
      quake(1, 'Powerful 7.1 earthquake hits northern Japan, tsunami warning issued'),
      quake(2, 'Strong quake jolts northern Japan, tsunami advisory for Miyagi'),
      quake(3, 'In pictures: Japan earthquake aftermath in Miyagi'),
      quake(
        4,
        'Japan earthquake in Miyagi: the scene',
        'https://outlet4.example/news/gallery/japan-quake-miyagi',
      ),
      quake(5, 'News quiz: Japan earthquake, tsunami warning and Miyagi'),
      quake(6, 'Japan earthquake: what we know', 'https://outlet6.example/podcasts/the-daily/japan-quake'),
    ]);
    expect(e.storyOf(2)?.founder.id).toBe(1);
    for (const id of [3, 4, 5, 6]) expect(e.storyOf(id)?.members, String(id)).toHaveLength(1);
  });

  it.each([
    'Police release photos of suspect | BBC News',
    'Spotify podcast deal: Joe Rogan signs $100m exclusive contract',
    'Leaked photos: Prince Harry seen at Balmoral',
    'Quiz show host Alex Trebek dies: he was 80',
  ])('reads %j as news, not as a gallery, quiz or podcast', (title) => {
    const prepared = prepareItem({ title, lead: '', url: 'https://n.example/news/1', language: 'en' }, null);
    expect(prepared.flags & ROUNDUP).toBe(0);
  });

  it('reads a headline of two clauses, an event and its answer, as news of that event', () => {
    const e = engine();
    e.add([
      item(1, {
        outlet: 1,
        title: 'US orders China to close its consulate in Houston within 72 hours',
        lead: 'The United States ordered China to close its consulate in Houston, Texas, by Friday, the State Department said.',
      }),
      item(2, {
        outlet: 2,
        title: 'US orders China to shut Houston consulate; China calls it an unprecedented escalation',
        lead: 'China said the order to close its consulate in Houston was an unprecedented escalation and vowed to respond.',
      }),
    ]);
    expect(e.storyOf(2)?.founder.id).toBe(1);
  });

  it('joins an article one outlet filed again under another address, but not its next episode', () => {
    const e = engine();
    const floods = {
      outlet: 5,
      title: 'Floods force thousands from homes in northern Italy',
      lead: 'Rivers burst their banks across Piedmont overnight, and rescuers evacuated whole villages.',
    };
    const quiz = { outlet: 5, title: 'Daily quiz: how well do you know this week’s news?' };
    e.add([
      item(1, floods),
      item(2, { ...floods, url: 'https://outlet5.example/news/floods-italy?ref=home' }),
      item(3, { ...quiz, lead: 'Ten questions on the week’s news, from elections to the weather.' }),
      item(4, { ...quiz, lead: 'Ten questions on the week’s news, from football to the markets.' }),
    ]);
    expect(e.storyOf(2)?.founder.id).toBe(1);
    expect(e.storyOf(4)?.founder.id).toBe(4);
  });

  it('keeps stored items where they are, yet lets an item published earlier but read later join their story', () => {
    const told = {
      outlet: 2,
      title: 'Blast at Beirut port kills dozens and injures thousands',
      lead: 'A huge explosion tore through the port of Beirut on Tuesday, killing dozens, Lebanese officials said.',
    };
    const together = createStoryEngine({ model: defaultStoryModel() });
    together.add([blast(2, 1), item(1, told)]);
    expect(together.storyOf(1)).toBe(together.storyOf(2));

    const e = createStoryEngine({ model: defaultStoryModel(), keepStored: true });
    e.add([blast(2, 1)]);
    e.recordStored(2, 500);
    // Its feed is read later, though it told the event a minute earlier.
    const { assigned } = e.add([item(1, told)]);
    expect(e.storyOf(1)).toBe(e.storyOf(2));
    expect(e.storyOf(2)?.storeId).toBe(500);
    expect(assigned.get(1)?.storeId).toBe(500);

    // A stored item never leaves its story for another stored one.
    e.add([item(3, { ...told, outlet: 3 })]);
    e.recordStored(3, 600);
    e.recordStored(1, 500);
    e.add([item(0, { ...told, outlet: 4, title: 'Beirut port blast: dozens killed, thousands hurt' })]);
    expect(e.storyOf(2)?.storeId).toBe(500);
    expect(e.storyOf(1)?.storeId).toBe(500);
  });

  it('a spam feed of 5,000 items with one headline stays bounded and draws in no other outlet', () => {
    const e = engine();
    const spam = Array.from({ length: 5_000 }, (_, i) =>
      item(100 + i, {
        outlet: 1,
        title: 'Explosion at Beirut port kills dozens',
        url: `https://spam.example/${i}`,
      }),
    );
    const started = performance.now();
    for (let i = 0; i < spam.length; i += 100) e.add(spam.slice(i, i + 100));
    e.add([blast(10_000, 2)]);
    expect(performance.now() - started).toBeLessThan(30_000);
    const joined = e.storyOf(10_000);
    const outlets = new Set(joined?.members.map((m) => m.outlet));
    expect(outlets.size === 1 || joined?.members.filter((m) => m.outlet === 1).length === 1).toBe(true);
  });

  it.each([1_000, 3_000])(
    'a feed repeating one item %i times stays one story and draws in no other outlet',
    (count) => {
      const e = engine();
      const spam = Array.from({ length: count }, (_, i) => spamCopy(i));
      for (let i = 0; i < spam.length; i += 100) e.add(spam.slice(i, i + 100));
      const real = [
        [
          'Apple iPhone sales fall in China as Huawei gains',
          'Apple sold fewer iPhones in China in the first quarter as Huawei gained market share, data showed on Tuesday.',
        ],
        [
          'iPhone shipments to China drop as Huawei surges',
          'Shipments of Apple iPhones to China fell in the first quarter while Huawei gained, a research firm said.',
        ],
        [
          'Huawei gains on Apple in China as iPhone sales slide',
          'Apple lost market share in China to Huawei in the first quarter as its iPhone sales slid, figures showed.',
        ],
      ].map(([title = '', lead = ''], i) =>
        item(10_000 + i, {
          outlet: 2 + i,
          title,
          lead,
          publishedAt: T0 + HOUR + i * 60_000,
          firstSeenAt: T0 + HOUR + i * 60_000,
        }),
      );
      e.add(real);
      for (const r of real) expect(e.storyOf(r.id)?.members.some((m) => m.outlet === 1)).toBe(false);
      expect(e.storyOf(100)?.members).toHaveLength(spam.length);
    },
  );

  it('keeps a repeating feed one story as its first copies leave the window, as a fresh engine would', () => {
    const spam = spamCopy;
    const e = engine();
    const copies = Array.from({ length: 3_000 }, (_, i) => spam(i));
    for (let i = 0; i < copies.length; i += 100) e.add(copies.slice(i, i + 100));
    e.evictBefore(T0 + 10_000);
    e.add([spam(3_000)]);
    expect(e.storyOf(3_100)?.founder.id).toBe(e.storyOf(3_099)?.founder.id);
    // A late copy replays the ones after it, and they stay together.
    e.add([{ ...spam(1_500), id: 9_000, url: 'https://spam.example/late' }]);
    expect(new Set([9_000, 3_000, 3_100].map((id) => e.storyOf(id)?.founder.id)).size).toBe(1);
  });

  it('forgets items that leave the window; their stories keep the members that stay', () => {
    const e = engine();
    e.add([blast(1, 1), blast(2, 2), blast(3, 3)]);
    e.evictBefore(T0 + 2 * 60_000 + 1);
    expect(e.storyOf(1)).toBeNull();
    expect(e.storyOf(3)?.members.map((m) => m.id)).toEqual([3]);
    expect(e.itemCount).toBe(1);
  });

  it('places an item dated long before it was seen no earlier than the lag allows', () => {
    const e = createStoryEngine({ model: defaultStoryModel(), maxLagMs: 6 * HOUR });
    e.add([item(1, { title: 'Early', publishedAt: T0 - 30 * 24 * HOUR, firstSeenAt: T0 })]);
    expect(e.storyOf(1)?.founder.time).toBe(secondsOf(T0 - 6 * HOUR));
  });

  it('files a backlog read at one moment as it files the same items read as they were published', () => {
    const last = Math.max(...items.map((i) => i.publishedAt));
    const backlog = items.map((i) => ({ ...i, firstSeenAt: last + 72 * HOUR }));
    const asPublished = engine();
    asPublished.add(items);
    const atOnce = engine();
    atOnce.add(shuffled(backlog, 5));
    expect(new Set(backlog.map((i) => atOnce.storyOf(i.id)?.founder.time)).size).toBe(1);
    expect(partition(atOnce, backlog)).toEqual(partition(asPublished, items));
  });
});
