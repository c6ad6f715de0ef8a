import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { blocksOf } from '../../src/extract/blocks.js';
import { elementsByTag, exceedsShape, walkElements, type DomDocument } from '../../src/extract/dom.js';

function documentOf(html: string): DomDocument {
  return (parseHTML(html) as unknown as { document: DomDocument }).document;
}

function present<T>(value: T | null): T {
  if (value === null) throw new Error('expected a value');
  return value;
}

const page = `<!doctype html><html><head><title>t</title><meta property="og:title" content="x"></head><body>
<div id="a"><p>one</p><ul><li><a href="#x">two</a></li><li><p>three</p></li></ul></div>
<template><p>hidden</p></template><section><h2>four</h2><p>five <a>six</a></p><table><tr><td><p>seven</p></td></tr></table></section>
</body></html>`;

describe('elementsByTag', () => {
  it('finds what querySelectorAll finds, in the same order', () => {
    const document = documentOf(page);
    const created = present(document.body).children[0] as unknown as { appendChild(node: unknown): void };
    // Readability creates elements with upper-case names.
    created.appendChild((document as unknown as { createElement(tag: string): unknown }).createElement('P'));
    for (const tags of [
      ['p'],
      ['a'],
      ['p', 'a', 'h2'],
      ['li', 'ul'],
      ['meta'],
      ['td', 'table'],
      ['nothing'],
    ]) {
      const expected = Array.from(document.querySelectorAll(tags.join(',')));
      expect(elementsByTag(document, tags), tags.join(',')).toEqual(expected);
    }
    const section = present(document.querySelector('section'));
    expect(elementsByTag(section, ['p'])).toEqual(Array.from(section.querySelectorAll('p')));
  });
});

describe('walkElements', () => {
  it('visits elements in document order with their depth, skipping and stopping on request', () => {
    const document = documentOf(
      '<html><body><div><p>a</p><p>b</p></div><aside><p>c</p></aside></body></html>',
    );
    const seen: string[] = [];
    walkElements(document, (element, depth) => {
      seen.push(`${element.localName}@${depth}`);
      return element.localName === 'aside' ? 'skip' : 'descend';
    });
    expect(seen).toEqual(['html@1', 'body@2', 'div@3', 'p@4', 'p@4', 'aside@3']);
    let visited = 0;
    walkElements(document, () => (++visited === 3 ? 'stop' : 'descend'));
    expect(visited).toBe(3);
  });
});

describe('deeply nested pages', () => {
  const depth = 50_000;
  const deep = documentOf(
    `<html><body>${'<div>'.repeat(depth)}<p>deep text</p>${'</div>'.repeat(depth)}</body></html>`,
  );

  it('are measured without recursion', () => {
    expect(exceedsShape(deep, 100_000, 200)).toBe(true);
    expect(exceedsShape(deep, 10, 1_000_000)).toBe(true);
    expect(exceedsShape(deep, 100_000, 1_000_000)).toBe(false);
    expect(elementsByTag(deep, ['p'])).toHaveLength(1);
  });

  it('are read into blocks without recursion', () => {
    const body = present(deep.body);
    expect(blocksOf(body).map((b) => b.text)).toEqual(['deep text']);
  });
});

describe('blocksOf', () => {
  it('takes the root element’s own tag and class into account', () => {
    const document = documentOf(
      '<html><body><div class="share-tools"><p>Share this</p>tail</div></body></html>',
    );
    const root = present(document.querySelector('div'));
    expect(blocksOf(root)).toEqual([
      { tag: 'p', text: 'Share this', linkChars: 0, inFigure: false, inList: false, hints: ' share-tools' },
      { tag: 'div', text: 'tail', linkChars: 0, inFigure: false, inList: false, hints: ' share-tools' },
    ]);
  });
});
