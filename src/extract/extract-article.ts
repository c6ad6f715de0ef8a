/** The main text of an article page: Readability on linkedom, then junk stripped block by block. */

import { tooTangled } from '../ingest/markup-shape.js';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { blocksOf, type Block } from './blocks.js';
import { decodeHTML } from 'entities';
import { cleanHtml, MAX_PAGE_CHARS } from './clean-html.js';
import { elementsByTag, exceedsShape, type DomDocument, type DomElement } from './dom.js';
import { dropJunk, normalised } from './junk.js';
import { densestParagraphs } from './fallback.js';
import { tuneReadability } from './readability-tuning.js';

/** What extraction found on a page. */
export interface ExtractedArticle {
  readonly title: string | null;
  /** Paragraphs separated by a blank line. */
  readonly text: string;
  readonly wordCount: number;
}

// Readability's work grows with elements times depth (it re-reads each candidate's subtree), so a
// page past any limit gets only the linear second opinion. Real articles stay far below all three:
// the 88 pages of the extraction corpus hold at most 930 elements and 15,154 element-ancestor
// pairs, while 195 nested blocks around 19,000 paragraphs (3.8 million pairs) kept Readability
// busy for a minute. At the pair limit it takes about a second.
const MAX_ELEMENTS = 20_000;
const MAX_DEPTH = 200;
const MAX_DEPTH_SUM = 200_000;
// Below this many characters Readability has found a fragment at best, and the second opinion is
// asked.
const MIN_ARTICLE_CHARS = 250;
// Readability tries again while its text is shorter than its threshold, each time re-parsing and
// re-scoring the whole page with one filter relaxed, up to three times; where its first attempt
// finds too little, the second opinion does as well for a fraction of that. No text is shorter
// than -1; 0 would read as "the default".
const NEVER_RETRY = -1;

/** A page read: Readability's blocks of its body (empty when it found none) and its title. */
export interface ReadPage {
  readonly blocks: readonly Block[];
  readonly title: string;
  /** The blocks of the container with the most paragraph text, read only when asked. */
  readonly secondOpinion: () => Block[];
  /** What the page's pictures say of themselves (alt and title), normalised: their captions repeat it. */
  readonly imageTexts: ReadonlySet<string>;
}

// A description this short ("Photo", "Logo") could equal a one-word block of the article.
const MIN_IMAGE_TEXT_WORDS = 4;

// An image tag and one of its describing attributes; the cleaner drops images before the parse.
const IMAGE_TAG = /<img\b[^<>]*>/giu;
const DESCRIBING = /\s(?:alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')/giu;

function imageTextsOf(html: string): Set<string> {
  const texts = new Set<string>();
  for (const [tag] of html.slice(0, MAX_PAGE_CHARS).matchAll(IMAGE_TAG)) {
    for (const match of tag.matchAll(DESCRIBING)) {
      const text = normalised(decodeHTML(match[1] ?? match[2] ?? ''));
      if (text.split(' ').length >= MIN_IMAGE_TEXT_WORDS) texts.add(text);
    }
  }
  return texts;
}

/** Readability's blocks of a page, before any junk is taken out; null when the page does not parse. */
export function readBodyBlocks(html: string): ReadPage | null {
  const cleaned = cleanHtml(html);
  // Nesting deeper than the elements ever read, or stray close tags times depth, would cost the
  // HTML parser seconds (it searches its open elements per tag): such a page is no article.
  if (tooTangled(cleaned, MAX_ELEMENTS)) return null;
  // linkedom builds no document element for a bare fragment, and Readability needs one.
  const page = /<html[\s>]/iu.test(cleaned) ? cleaned : `<!doctype html><html><body>${cleaned}</body></html>`;
  const document = parse(page);
  if (document === null) return null;
  const pageTitle = titleOf(document);
  const tooBig = exceedsShape(document, MAX_ELEMENTS, MAX_DEPTH, MAX_DEPTH_SUM);
  const imageTexts = tooBig ? new Set<string>() : imageTextsOf(html);
  const readable = tooBig ? null : readArticle(document);
  return {
    blocks: readable?.blocks ?? [],
    title: readable?.title ?? pageTitle,
    imageTexts,
    secondOpinion: () => {
      // Readability edits the document it reads: the second opinion reads a fresh one.
      const fresh = tooBig ? document : parse(page);
      return fresh === null ? [] : densestParagraphs(fresh, MAX_DEPTH);
    },
  };
}

/** The article text of an HTML page, or null when the page holds no readable text; never throws. */
export function extractArticle(html: string): ExtractedArticle | null {
  const read = readBodyBlocks(html);
  if (read === null) return null;
  const { title } = read;
  let chosen = dropJunk(read.blocks, title, read.imageTexts);
  const chars = chosen.reduce((sum, b) => sum + b.text.length, 0);
  if (chars < MIN_ARTICLE_CHARS) {
    const fallback = dropJunk(read.secondOpinion(), title, read.imageTexts);
    if (fallback.reduce((sum, b) => sum + b.text.length, 0) > chars) chosen = fallback;
  }
  const text = chosen.map((b) => b.text).join('\n\n');
  if (text === '') return null;
  return { title: title === '' ? null : title, text, wordCount: text.split(/\s+/u).length };
}

/** Readability's blocks and title of a page; null when it throws; the document is edited. */
function readArticle(document: DomDocument): { blocks: Block[]; title: string | null } | null {
  try {
    // The library's types name the browser's DOM, which this build leaves out: its nodes arrive
    // untyped. Its own element limit counts with a selector linkedom does not support.
    const reader = new Readability<DomElement>(document, {
      keepClasses: true,
      maxElemsToParse: 0,
      charThreshold: NEVER_RETRY,
      serializer: asElement,
    });
    tuneReadability(reader);
    const article = reader.parse();
    const title = article?.title?.trim() ?? '';
    return { blocks: article?.content ? blocksOf(article.content) : [], title: title === '' ? null : title };
  } catch {
    return null;
  }
}

function parse(page: string): DomDocument | null {
  try {
    return (parseHTML(page) as unknown as { document: DomDocument }).document;
  } catch {
    return null;
  }
}

function asElement(node: unknown): DomElement {
  return node as DomElement;
}

function titleOf(document: DomDocument): string {
  const og = elementsByTag(document, ['meta'])
    .find((meta) => meta.getAttribute('property') === 'og:title')
    ?.getAttribute('content');
  // A document without a head has no title at all.
  const title: unknown = og ?? document.title;
  return typeof title === 'string' ? title.trim() : '';
}
