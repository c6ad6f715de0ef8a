import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

/** Ten invented outlets whose feeds a test fills item by item, served on 127.0.0.1. */
export interface LiveOutlets {
  readonly server: FeedServer;
  readonly urls: readonly string[];
  /** Puts an outlet's telling of the port story in its feed, dated `at`. */
  tell(outlet: number, at: number): void;
  /** Puts an unrelated story in an outlet's feed. */
  other(outlet: number, at: number, title: string, body: string): void;
  close(): Promise<void>;
}

export const OUTLETS = [
  'Harbour Times',
  'Northwind Wire',
  'Meridian Post',
  'Coastal Herald',
  'Capital Ledger',
  'Evening Dispatch',
  'Lakeside Courier',
  'Morning Gazette',
  'Valley Observer',
  'Summit Tribune',
];

const openings = [
  'Two explosions tore through the port of Valdoria City on Tuesday, killing at least 60 people, the Valdorian health ministry said.',
  'At least 60 people were killed when two explosions hit the port of Valdoria City on Tuesday, according to the Valdorian health ministry.',
  'Explosions at the Valdoria City port killed at least 60 people on Tuesday, the health ministry of Valdoria said.',
];
const middles = [
  'Warehouses along the eastern docks of Valdoria City were flattened and windows shattered kilometres away.',
  'Hospitals in Valdoria City appealed for blood donations as ambulances ferried the wounded from the docks.',
  'Prime Minister Elena Varga declared three days of mourning after the Valdoria City port blasts.',
];
const endings = [
  'Officials said the cause of the port explosions was under investigation, and Elena Varga promised a full inquiry.',
  'Port workers told reporters that chemicals had been stored in a Valdoria City warehouse for years.',
];

/** Starts the outlets' feeds, each empty until told something. */
export async function startLiveOutlets(): Promise<LiveOutlets> {
  const server = await startFeedServer();
  const items = OUTLETS.map(
    () => [] as { id: string; title: string; body: string; date: Date; link: string; category: string }[],
  );
  OUTLETS.forEach((name, i) => {
    server.route(`/o${i}.xml`, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(name, items[i] ?? []));
    });
  });
  const add = (outlet: number, id: string, title: string, body: string, at: number): void => {
    items[outlet]?.unshift({
      id,
      title,
      body,
      date: new Date(at),
      link: `${server.base}/o${outlet}/${id}`,
      category: 'World',
    });
  };
  return {
    server,
    urls: OUTLETS.map((_, i) => `${server.base}/o${i}.xml`),
    tell(outlet, at) {
      const body = [openings[outlet % 3], middles[outlet % 3], endings[outlet % 2]].join(' ');
      const title =
        outlet % 2 === 0
          ? `Port explosions kill at least 60 in Valdoria City`
          : `Valdoria City port blasts leave at least 60 dead`;
      add(outlet, `port-${outlet}`, title, body, at);
    },
    other: (outlet, at, title, body) => {
      add(outlet, `other-${outlet}-${at}`, title, body, at);
    },
    close: () => server.close(),
  };
}
