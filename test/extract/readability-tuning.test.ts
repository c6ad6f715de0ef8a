import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { DomElement } from '../../src/extract/dom.js';
import {
  isProbablyVisible,
  READABILITY_HELPERS,
  tuneReadability,
} from '../../src/extract/readability-tuning.js';

const paragraph = (i: number): string =>
  `<p>Paragraph ${i} of the report, in which the harbour authority explains, at some length, why the cranes fell, what the inspectors found, and when the berths reopen.</p>`;

const page = `<!doctype html><html lang="en"><head><title>Cranes collapse | Harbour Times</title></head><body>
<div class="header masthead"><a href="/">Harbour Times</a><ul class="menu"><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></div>
<div id="content" class="main-content"><article><h1>Cranes collapse</h1><p class="byline">By Mara Quill</p>
<div class="body">${[0, 1, 2].map(paragraph).join('')}<div><p>Short.</p></div>
<div class="related"><h3>Related</h3><ul><li><a href="/a">Port strike ends</a></li><li><a href="/b">Ferry route opens</a></li></ul></div>
${[3, 4].map(paragraph).join('')}<table><tr><td>Berth</td><td>Status</td></tr><tr><td>1</td><td>Closed</td></tr></table>
<div hidden><p>Hidden draft text that should not be read by anyone at all, however long it runs.</p></div>
<p>See the <a href="#notes">notes</a> and <a href="https://example.com/x">the report</a>.</p>${paragraph(5)}</div></article></div>
<div class="comments"><div class="comment"><p>First!</p></div></div>
<div class="footer">© Harbour Times</div></body></html>`;

function read(html: string, tuned: boolean): unknown {
  const { document } = parseHTML(html) as unknown as { document: never };
  const reader = new Readability(document, { keepClasses: true });
  if (tuned) tuneReadability(reader);
  return reader.parse();
}

describe('Readability with the tuned helpers', () => {
  it('still has the helpers it replaces, under the same names', () => {
    const proto = Readability.prototype as unknown as Record<string, unknown>;
    for (const name of Object.keys(READABILITY_HELPERS)) expect(typeof proto[name], name).toBe('function');
  });

  it('reads a page exactly as the stock helpers do', () => {
    const tuned = read(page, true);
    expect(tuned).not.toBeNull();
    expect(tuned).toEqual(read(page, false));
  });

  it('tells visible elements from hidden ones as Readability does', () => {
    const { document } = parseHTML(
      `<html><body>
        <p id="a">shown</p>
        <p id="b" style="display: none">hidden</p>
        <p id="c" style="visibility:hidden; color: red">hidden</p>
        <p id="d" style="display:none; display: block">shown again</p>
        <p id="e" style="display: none !important">important</p>
        <p id="f" hidden>hidden</p>
        <p id="g" aria-hidden="true">hidden</p>
        <p id="h" aria-hidden="true" class="mwe-math-fallback-image-inline">maths</p>
        <p id="i" aria-hidden="false">shown</p>
      </body></html>`,
    ) as unknown as { document: { querySelectorAll(s: string): ArrayLike<DomElement> } };
    // The stock test answers with whatever falsy value its last operand had.
    const stock = (Readability.prototype as unknown as { _isProbablyVisible: (node: unknown) => unknown })
      ._isProbablyVisible;
    for (const element of Array.from(document.querySelectorAll('p')))
      expect(isProbablyVisible(element), element.getAttribute('id') ?? '').toBe(Boolean(stock(element)));
  });
});
