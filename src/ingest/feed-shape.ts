/** One entry as a feed wrote it, independent of the format and the parser that read it. */
export interface RawEntry {
  /** guid (RSS), id (Atom, JSON Feed). */
  readonly id: string | null;
  /** The entry's link as written: possibly relative. */
  readonly link: string | null;
  /** May hold HTML and entities. */
  readonly title: string | null;
  /** Full content as HTML (content:encoded, Atom content, JSON content_html). */
  readonly content: string | null;
  /** Description or summary as HTML. */
  readonly summary: string | null;
  readonly author: string | null;
  /** Dates as written; normalisation decides whether they are believable. */
  readonly published: string | null;
  readonly updated: string | null;
  readonly categories: readonly string[];
  /** The entry's picture as written (media, enclosure, JSON Feed `image`): possibly relative. */
  readonly image: string | null;
}

/** A feed read by one of the parsers. */
export interface ParsedFeed {
  readonly format: 'rss' | 'atom' | 'rdf' | 'json';
  readonly title: string | null;
  /** The site's home page as written: possibly relative. */
  readonly siteUrl: string | null;
  readonly entries: readonly RawEntry[];
}
