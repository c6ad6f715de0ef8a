/** The main text of an article page: Readability on linkedom, then junk stripped block by block. */

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { blocksOf, type Block } from './blocks.js';
import { cleanHtml } from './clean-html.js';
import type { DomDocument, DomElement } from './dom.js';
import { dropJunk } from './junk.js';
import { densestParagraphs } from './fallback.js';

/** What extraction found on a page. */
export interface ExtractedArticle {
  readonly title: string | null;
  /** Paragraphs separated by a blank line. */
  readonly text: string;
  readonly wordCount: number;
}

// Readability scores only this many elements; a larger page is cut rather than refused.
const MAX_ELEMENTS = 20_000;
// Below this many characters Readability's own retries have usually fallen back to a fragment.
const MIN_ARTICLE_CHARS = 250;

/** The article text of an HTML page, or null when the page holds no readable text; never throws. */
export function extractArticle(html: string): ExtractedArticle | null {
  const cleaned = cleanHtml(html);
  // linkedom builds no document element for a bare fragment, and Readability needs one.
  const page = /<html[\s>]/iu.test(cleaned) ? cleaned : `<!doctype html><html><body>${cleaned}</body></html>`;
  const document = parse(page);
  if (document === null) return null;
  const pageTitle = titleOf(document);
  let readable: Block[] = [];
  let title = pageTitle;
  try {
    // The library's types name the browser's DOM, which this build leaves out: its nodes arrive untyped.
    const reader = new Readability<DomElement>(document, {
      keepClasses: true,
      maxElemsToParse: MAX_ELEMENTS,
      serializer: asElement,
    });
    const article = reader.parse();
    if (article?.content) readable = blocksOf(article.content);
    title = article?.title?.trim() ?? '';
    if (title === '') title = pageTitle;
  } catch {
    readable = [];
  }
  let chosen = dropJunk(readable, title);
  const chars = chosen.reduce((sum, b) => sum + b.text.length, 0);
  if (chars < MIN_ARTICLE_CHARS) {
    // Readability edited the document it read: the second opinion reads a fresh one.
    const fresh = parse(page);
    const fallback = fresh === null ? [] : dropJunk(densestParagraphs(fresh), title);
    if (fallback.reduce((sum, b) => sum + b.text.length, 0) > chars) chosen = fallback;
  }
  const text = chosen.map((b) => b.text).join('\n\n');
  if (text === '') return null;
  return { title: title === '' ? null : title, text, wordCount: text.split(/\s+/u).length };
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
  const og = document.querySelector('meta[property="og:title"]')?.getAttribute('content');
  // A document without a head has no title at all.
  const title: unknown = og ?? document.title;
  return typeof title === 'string' ? title.trim() : '';
}
