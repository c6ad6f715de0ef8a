import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/core/types.js';
import { extractEntities } from '../../src/condense/entities.js';
import { encodeWeights, parseTopicModel, type TopicModelData } from '../../src/condense/topic-model.js';
import { topicSpans } from '../../src/condense/topic-features.js';
import { createTopicTagger, rankTopics, type TagInput } from '../../src/condense/topics.js';
import type { WordVectors } from '../../src/text/word-vectors.js';
import { testConfig } from '../helpers/config.js';

const topic = (id: string, categories: string[] = []): Topic => ({
  id,
  label: (id[0] ?? '').toUpperCase() + id.slice(1),
  emoji: '',
  categories,
});

// A model small enough to read: each stem votes for one topic.
const small: TopicModelData = {
  format: 1,
  labels: ['sport', 'business', 'technology'],
  languages: ['en'],
  features: ['goal', 'match', 'profit', 'share', 'softwar', 'smartphon'],
  idf: [1, 1, 1, 1, 1, 1],
  // feature-major: [sport, business, technology] per feature, times `scale`
  weights: encodeWeights([8, 0, 0, 8, 0, 0, 0, 8, 0, 0, 8, 0, 0, 0, 8, 0, 0, 8]),
  scale: 1,
  bias: [0, 0, 0],
  temperature: 1,
  evidence: { section: 3, category: 3, catalog: 1 },
  main: { sport: 0.6, business: 0.6, technology: 0.6 },
  minTopic: 0.4,
  minSecondary: 0.4,
  trainedOn: {},
};
const parsed = parseTopicModel(small);
if (!parsed.ok) throw new Error(parsed.error);
const taxonomy = [
  topic('sport', ['sport', 'sports']),
  topic('business', ['business', 'markets']),
  topic('technology', ['tech']),
];
const tagger = createTopicTagger(taxonomy, { model: parsed.value });
const item = (title: string | null, text: string, more: Partial<TagInput> = {}): TagInput => ({
  title,
  text,
  categories: [],
  feedTopics: [],
  language: 'en',
  ...more,
});

describe('topic tagging with a model', () => {
  it('makes the most probable topic main when it passes its threshold', () => {
    const result = tagger.tag(item('Late goal wins the match', 'The match ended with a goal.'));
    expect(result.topics[0]).toBe('sport');
    expect(result.mainTopics).toBe(1);
  });

  it('answers no topic when nothing is known of the item', () => {
    expect(tagger.tag(item('', '')).topics).toEqual([]);
    expect(tagger.tag(item('Weekend roundup', 'Plenty happened this weekend.')).topics).toEqual([]);
  });

  it('reads the URL section and feed categories in any language as evidence', () => {
    const plain = item('Weekend roundup', 'Plenty happened this weekend.');
    expect(tagger.tag({ ...plain, url: 'https://example.org/sport/2021/roundup' }).topics[0]).toBe('sport');
    expect(tagger.tag({ ...plain, url: 'https://example.org/news/business-53012345' }).topics[0]).toBe(
      'business',
    );
    expect(tagger.tag({ ...plain, categories: ['News > Sports'] }).topics[0]).toBe('sport');
    const section = tagger.tag({ ...plain, url: 'https://example.org/sport/roundup' });
    expect(section.mainTopics).toBe(1);
  });

  it('reads a section feed’s address and title as the section of all its items', () => {
    const plain = item('Weekend roundup', 'Plenty happened this weekend.');
    const main = (feed: { url: string | null; title: string | null }): string[] => {
      const tags = tagger.tag({ ...plain, feed });
      return tags.topics.slice(0, tags.mainTopics);
    };
    expect(main({ url: 'https://feeds.example.org/news/sport/rss.xml', title: null })).toEqual(['sport']);
    expect(main({ url: 'http://rss.example.com/rss/edition_tech.rss', title: null })).toEqual(['technology']);
    expect(main({ url: 'https://example.org/feed', title: 'Example News - Business' })).toEqual(['business']);
    expect(main({ url: 'https://example.org/feed', title: 'Markets | Example' })).toEqual(['business']);
    // A whole outlet's feed names no section; a name that merely contains one is not one.
    expect(main({ url: 'https://example.org/rss.xml', title: 'Example News' })).toEqual([]);
    expect(main({ url: 'https://sportsbusinessdaily.example/rss', title: 'Sportsbusiness Daily' })).toEqual(
      [],
    );
    // An outlet's tagline lists what it covers; it files nothing.
    expect(main({ url: 'https://example.org/feed/', title: 'Example – News, Sport and Weather' })).toEqual(
      [],
    );
    // Hostile feeds name nothing and cost nothing.
    expect(main({ url: 'not a url', title: 'x'.repeat(10_000) })).toEqual([]);
    expect(main({ url: `https://example.org/${'a/'.repeat(5_000)}sport/rss.xml`, title: null })).toEqual([]);
  });

  it('counts a section once when the feed and the article’s address both name it', () => {
    const plain = item('Weekend roundup', 'Plenty happened this weekend.');
    const both = tagger.probabilities({
      ...plain,
      url: 'https://example.org/sport/roundup-1',
      feed: { url: 'https://example.org/sport/rss.xml', title: 'Example - Sport' },
    });
    const one = tagger.probabilities({ ...plain, url: 'https://example.org/sport/roundup-1' });
    expect(both.get('sport')).toBeCloseTo(one.get('sport') ?? 0, 10);
  });

  it('lets a catalog topic tip a close call but not make a topic main alone', () => {
    const prior = tagger.tag(item('Weekend roundup', 'Plenty happened.', { feedTopics: ['business'] }));
    expect(prior.mainTopics).toBe(0);
    const text = tagger.tag(
      item('New smartphone software', 'The software ships today.', { feedTopics: ['business'] }),
    );
    expect(text.topics[0]).toBe('technology');
  });

  it('does not let a channel’s calls to action shape the topic', () => {
    const described = tagger.tag(
      item(
        'Final whistle',
        'A late goal decided the match. - Subscribe to our channel: http://example.org/s - Find us on Facebook: https://facebook.com/x - Check our website: https://example.org/ smartphone software software',
      ),
    );
    expect(described.topics[0]).toBe('sport');
  });

  it('answers in bounded time for 1 MB of text and for scripts it has never seen', () => {
    const started = performance.now();
    const long = tagger.tag(item('Profit', 'share profit rose '.repeat(70_000)));
    const unseen = tagger.tag(item('ኢትዮጵያ ዜና', 'የኢትዮጵያ መንግስት ዛሬ አዲስ ዕቅድ አስታወቀ።'.repeat(200)));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(long.topics[0]).toBe('business');
    expect(unseen.topics).toEqual([]);
  });
});

describe('long texts', () => {
  // Distinct words the model does not know, letters only so each is one token: "qaa", "qab", …
  const filler = (n: number, from = 0): string =>
    Array.from({ length: n }, (_, i) => {
      const k = from + i;
      return `q${String.fromCharCode(97 + (Math.floor(k / 26) % 26))}${String.fromCharCode(97 + (k % 26))}`;
    }).join(' ');

  it('reads a text of one description as it is', () => {
    const text = `Officials said on Tuesday that ${filler(70)}.`;
    expect(topicSpans(text)).toEqual([text]);
  });

  it('cuts a long text into spans of a description and leaves out a last one too short to weigh', () => {
    const spans = topicSpans(filler(200));
    expect(spans).toEqual([filler(60), filler(60, 60), filler(60, 120)]);
    expect(topicSpans(filler(150))).toHaveLength(3);
  });

  it('reads a whole article, not only its opening', () => {
    // The opening says nothing the model knows; the body is a match report.
    const article = `${filler(120)} The goal came late in the match, and a second goal sealed it. ${filler(60, 500)}`;
    expect(tagger.tag(item(null, filler(60))).topics).toEqual([]);
    expect(tagger.tag(item(null, article)).topics[0]).toBe('sport');
  });

  it('gives a text made of one description repeated the verdict of that description', () => {
    const description = `Profit rose as shares climbed ${filler(55)}`;
    const once = tagger.probabilities(item('Quarterly results', description));
    const repeated = tagger.probabilities(item('Quarterly results', Array(5).fill(description).join(' ')));
    for (const [id, p] of once) expect(repeated.get(id)).toBeCloseTo(p, 6);
  });
});

describe('what several items tell together', () => {
  const sport = tagger.tag(item('Late goal wins the match', 'The match ended with a goal.'));
  const business = tagger.tag(item('Profit lifts the share price', 'Profit rose and the share climbed.'));

  it('keeps each item’s reading: its probabilities, rounded, the negligible left out', () => {
    expect(sport.scores.sport).toBeGreaterThan(0.9);
    for (const p of Object.values(sport.scores)) {
      expect(p).toBeGreaterThan(0);
      expect(Number(p.toFixed(3))).toBe(p);
    }
    expect(tagger.tag(item('', '')).scores).toEqual({});
  });

  it('ranks one item’s reading as the item itself was ranked', () => {
    expect(tagger.combine([sport.scores])).toEqual({ topics: sport.topics, mainTopics: sport.mainTopics });
  });

  it('weighs the members alike: two sport readings outvote one business lead', () => {
    const together = tagger.combine([business.scores, sport.scores, sport.scores]);
    expect(together?.topics[0]).toBe('sport');
    expect(together?.topics.slice(0, together.mainTopics)).not.toContain('business');
  });

  it('passes over members without a reading, and answers null when none has one', () => {
    expect(tagger.combine([{}, sport.scores, {}])).toEqual(tagger.combine([sport.scores]));
    expect(tagger.combine([{}, {}])).toBeNull();
    expect(tagger.combine([])).toBeNull();
  });

  it('reads a stored reading defensively: out-of-range values are held to [0, 1], unknown topics ignored', () => {
    const hostile = { sport: 7, business: -3, technology: Number.NaN, weather: 0.9 };
    expect(tagger.combine([hostile])).toEqual(tagger.combine([{ sport: 1 }]));
  });
});

describe('rankTopics', () => {
  const rule = { main: { sport: 0.5, business: 0.3, technology: 0.9 }, minTopic: 0.25, minSecondary: 0.2 };
  it('puts main topics first and lists others above the secondary cut-off, at most three', () => {
    expect(rankTopics(taxonomy, [0.2, 0.35, 0.45], rule)).toEqual({
      topics: ['business', 'technology', 'sport'],
      mainTopics: 1,
    });
  });
  it('lists nothing when the most probable topic is below the cut-off', () => {
    expect(rankTopics(taxonomy, [0.24, 0.2, 0.1], rule)).toEqual({ topics: [], mainTopics: 0 });
  });
});

describe('the committed model', () => {
  const committed = createTopicTagger(testConfig().topics);
  const main = (title: string, text: string): string[] => {
    const tags = committed.tag({ title, text, categories: [], feedTopics: [] });
    return tags.topics.slice(0, tags.mainTopics);
  };
  it('tags clear headlines by their field', () => {
    expect(
      main(
        'Liverpool beat Chelsea 3-1 to go top of the Premier League',
        'Mohamed Salah scored twice as the champions won at Anfield.',
      ),
    ).toContain('sport');
    expect(
      main(
        'Central bank raises interest rates as inflation climbs',
        'Shares fell and the pound rose after the decision.',
      ),
    ).toContain('business');
  });
  it('names no topic from a headline of one or two words alone, but does from its section', () => {
    for (const title of [
      'Letters',
      'Crossword',
      'Morning briefing',
      'Weather forecast',
      'Daily quiz',
      'Episode 212',
    ])
      expect(main(title, ''), title).toEqual([]);
    const filed = committed.tag({
      title: 'Letters',
      text: '',
      categories: [],
      feedTopics: [],
      url: 'https://www.example.com/sport/letters-1',
    });
    expect(filed.topics[0]).toBe('sport');
  });
  it('gives German items with a section their topic', () => {
    const tags = committed.tag({
      title: 'Bundesregierung beschließt neuen Haushalt',
      text: 'Der Bundestag soll im Herbst über den Entwurf abstimmen.',
      categories: [],
      feedTopics: [],
      url: 'https://www.example.de/wirtschaft/haushalt-100.html',
    });
    expect(tags.topics[0]).toBe('business');
  });
});

describe('entities', () => {
  it('knows a name where the capital letter is the sentence’s: at its start, after a colon', () => {
    expect(extractEntities('Georgia’s Long Lines', 'And what else you need to know today.')).toEqual([
      'georgia',
    ]);
    const found = extractEntities(
      'Georgia: Chaos engulfs voting in White House battleground',
      'The mayor said the new voting machines did not work.',
    );
    expect(found).toContain('georgia');
    expect(found).toContain('white house');
    expect(found).not.toContain('chaos');
  });
  it('reads names out of a title-case headline and leaves its common words', () => {
    const found = extractEntities(
      'Jon Ossoff Holds Strong Lead as Georgia Waits for Senate Primary Results',
      'After a day of chaotic voting, the Democrat was well ahead.',
    );
    expect(found).toContain('jon ossoff');
    expect(found).toContain('georgia');
    for (const word of ['holds', 'strong', 'lead', 'primary', 'results', 'primary results'])
      expect(found).not.toContain(word);
  });
  it('knows names in other languages: a lone German name, a name opening a French or Tagalog headline', () => {
    const german = extractEntities(
      'Merkel kündigt Programm für Teilnehmer an',
      'Die Kanzlerin stellte am Montag in Berlin das Programm vor.',
      'de',
    );
    expect(german).toContain('merkel');
    expect(german).toContain('berlin');
    expect(german).not.toContain('programm');
    expect(
      extractEntities('Macron annonce un plan', 'Le président a présenté son plan mardi.', 'fr'),
    ).toEqual(['macron']);
    expect(
      extractEntities(
        'Duterte: Metro Manila, GCQ na simula sa Hunyo 1',
        'Isasailalim na ang Metro Manila.',
        'tl',
      ),
    ).toEqual(expect.arrayContaining(['duterte', 'metro manila', 'gcq']));
  });
  it('reads a German noun and its complement as no name, and finds the name inside it', () => {
    const found = extractEntities(
      'Wechsel nach Spanien',
      'Der Verein sichert sich die Dienste von Christian Pulisic. Die Entwicklung der Menschheit ist kein Thema. Zweitligist MSV Duisburg hat Interesse, ebenso Ludwig van Beethoven.',
      'de',
    );
    expect(found).toEqual(
      expect.arrayContaining(['christian pulisic', 'msv duisburg', 'ludwig van beethoven']),
    );
    for (const phrase of [
      'dienste von christian pulisic',
      'entwicklung der menschheit',
      'zweitligist msv duisburg',
    ])
      expect(found).not.toContain(phrase);
  });
  it('still wants a second capitalised use of an unknown word that opens a sentence', () => {
    expect(extractEntities('Zorblatting wins the prize', 'The jury met on Friday.')).toEqual([]);
    expect(extractEntities('Zorblat wins the prize', 'The jury gave Zorblat the prize.')).toEqual([
      'zorblat',
    ]);
  });
  it('keeps a name and drops a capitalised common word in German', () => {
    const found = extractEntities(
      'Scholz kündigt Programm für Teilnehmer an',
      'Olaf Scholz stellte am Montag das Programm vor. Ende Juni sollen die Teilnehmer feststehen.',
      'de',
    );
    expect(found).toContain('olaf scholz');
    expect(found).not.toContain('programm');
    expect(found).not.toContain('teilnehmer');
    expect(found).not.toContain('ende');
  });
});

describe('topic tagging with a model that reads word vectors', () => {
  // Two dimensions: the first leans sport, the second business; the words know nothing.
  const table = new Map<string, [number, number]>([
    ['striker', [1, 0]],
    ['lender', [0, 1]],
  ]);
  const words = [...table.keys()];
  const vectors: WordVectors = {
    dimensions: 2,
    size: words.length,
    indexOf: (word) => words.indexOf(word),
    wordAt: (index) => words[index],
    addTo(into, index, weight) {
      const row = table.get(words[index] ?? '') ?? [0, 0];
      row.forEach((v, d) => (into[d] = (into[d] ?? 0) + weight * v));
    },
  };
  const dense = parseTopicModel({
    ...small,
    dense: { dimensions: 2, weight: 1 },
    // The six word features vote as before; then the two dimensions: sport, then business.
    weights: encodeWeights([8, 0, 0, 8, 0, 0, 0, 8, 0, 0, 8, 0, 0, 0, 8, 0, 0, 8, 8, 0, 0, 0, 8, 0]),
  });
  if (!dense.ok) throw new Error(dense.error);

  it('places an item whose words it never learned by their meaning', () => {
    const withVectors = createTopicTagger(taxonomy, { model: dense.value, vectors });
    expect(withVectors.tag(item('Striker signs for rivals', '')).topics[0]).toBe('sport');
    expect(withVectors.tag(item('Lender rescued by regulator', '')).topics[0]).toBe('business');
    expect(withVectors.tag(item('Weekend roundup of events', '')).topics).toEqual([]);
  });

  it('refuses weights that do not cover the vector dimensions', () => {
    expect(parseTopicModel({ ...small, dense: { dimensions: 2, weight: 1 } }).ok).toBe(false);
  });
});
