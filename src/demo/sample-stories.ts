/**
 * Invented news for `gazette demo`: three invented outlets, several telling the same stories in
 * their own words, so the demo shows condensing and clustering with no network.
 */
export interface SampleArticle {
  readonly outlet: 'harbour' | 'meridian' | 'northwind';
  readonly slug: string;
  readonly hoursAgo: number;
  readonly title: string;
  readonly category: string;
  readonly paragraphs: readonly string[];
}

export const sampleArticles: readonly SampleArticle[] = [
  {
    outlet: 'harbour',
    slug: 'port-blast-valdoria',
    hoursAgo: 3,
    title: 'Port blast kills dozens in Valdoria capital',
    category: 'World',
    paragraphs: [
      'Two explosions tore through the main port of Valdoria City on Tuesday, killing at least 60 people and injuring more than 2,000, the Valdorian health ministry said.',
      'The blasts destroyed warehouses along the eastern docks and shattered windows several kilometres away.',
      'Officials said the cause was under investigation, but port workers told reporters that chemicals had been stored in one warehouse for years.',
      'Share this article',
      'Please enter your comment!',
    ],
  },
  {
    outlet: 'northwind',
    slug: 'valdoria-explosions',
    hoursAgo: 2,
    title: 'Explosions at Valdoria City port leave at least 60 dead',
    category: 'International',
    paragraphs: [
      'At least 60 people were killed and thousands injured when two explosions hit the port of Valdoria City on Tuesday, according to the health ministry.',
      'Hospitals in the capital appealed for blood donations as ambulances ferried the wounded from the docks.',
      'Prime Minister Elena Varga declared three days of mourning and promised a full inquiry into the cause of the blasts at the port.',
    ],
  },
  {
    outlet: 'meridian',
    slug: 'storm-carran-power',
    hoursAgo: 5,
    title: 'Storm Ilse leaves a million homes without power in Carran',
    category: 'World',
    paragraphs: [
      'Storm Ilse knocked out electricity to about one million homes across eastern Carran overnight, the national grid operator said on Wednesday.',
      'Winds of up to 140 km/h brought down trees and power lines, and rail services were suspended along the coast.',
      'The grid operator said most customers should be reconnected within 48 hours.',
    ],
  },
  {
    outlet: 'harbour',
    slug: 'carran-storm-ilse',
    hoursAgo: 4,
    title: 'A million without power after Storm Ilse hits eastern Carran',
    category: 'World',
    paragraphs: [
      'About a million homes in eastern Carran lost power after Storm Ilse swept across the region overnight, the national grid operator said.',
      'Falling trees blocked roads and the coastal rail line was closed on Wednesday morning.',
      'Forecasters expect the wind to ease by the evening.',
      'Sign up for our newsletter',
    ],
  },
  {
    outlet: 'meridian',
    slug: 'court-data-sharing',
    hoursAgo: 6,
    title: 'Supreme Court limits data sharing between ministries',
    category: 'Politics',
    paragraphs: [
      'The Supreme Court of Carran ruled on Thursday that ministries may not share citizens’ tax records without a specific law allowing it.',
      'The case was brought by a privacy group after the interior ministry obtained tax data to check residence permits.',
      'The government said it would study the judgment and propose legislation before the end of the year.',
    ],
  },
  {
    outlet: 'northwind',
    slug: 'lumen-chip',
    hoursAgo: 8,
    title: 'Lumensa unveils low-power chip for laptops',
    category: 'Technology',
    paragraphs: [
      'Chipmaker Lumensa unveiled a laptop processor on Monday that it says uses half the power of its previous design.',
      'The company said the first laptops with the chip would go on sale in the spring.',
      'Analysts said the chip could help Lumensa win back customers from larger rivals.',
    ],
  },
  {
    outlet: 'meridian',
    slug: 'lumensa-processor',
    hoursAgo: 7,
    title: 'Lumensa’s new laptop processor halves power use, company says',
    category: 'Technology',
    paragraphs: [
      'Lumensa said on Monday its new laptop processor needs half the power of the chip it replaces.',
      'Laptops using the processor are due in shops in the spring, the chipmaker said.',
      'The company’s shares rose 4% after the announcement.',
    ],
  },
  {
    outlet: 'harbour',
    slug: 'riverside-cup',
    hoursAgo: 10,
    title: 'Riverside FC win the cup final on penalties',
    category: 'Sport',
    paragraphs: [
      'Riverside FC won the national cup final on Saturday, beating Port Athletic 5-4 on penalties after a 1-1 draw.',
      'Goalkeeper Tomas Ekberg saved two penalties in the shoot-out.',
      'It is the club’s first trophy in 22 years.',
    ],
  },
  {
    outlet: 'northwind',
    slug: 'central-bank-rates',
    hoursAgo: 12,
    title: 'Central bank holds interest rates at 3.5%',
    category: 'Business',
    paragraphs: [
      'The Bank of Carran kept its main interest rate at 3.5% on Thursday, saying inflation was falling more slowly than expected.',
      'Governor Ana Ruiz said the bank would cut rates only once prices rose by less than 2.5% a year.',
      'Economists had expected the decision.',
    ],
  },
  {
    outlet: 'meridian',
    slug: 'bees-navigation',
    hoursAgo: 14,
    title: 'Bees use polarised light to find their way home, study finds',
    category: 'Science',
    paragraphs: [
      'Honeybees rely on patterns of polarised light in the sky to navigate back to their hives on cloudy days, researchers at the University of Aldmoor reported on Friday.',
      'The scientists fitted tiny filters over the eyes of 300 bees and tracked their flights with radar.',
      'Bees whose filters blocked polarised light took three times longer to return, the study found.',
    ],
  },
];

/** The outlets, with the format each one serves. */
export const sampleOutlets = {
  harbour: { name: 'Harbour Times', format: 'rss' },
  meridian: { name: 'Daily Meridian', format: 'atom' },
  northwind: { name: 'Northwind Wire', format: 'json' },
} as const;
