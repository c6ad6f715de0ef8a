import { describe, expect, it } from 'vitest';
import { cleanHtml, MAX_MARKUP } from '../../src/extract/clean-html.js';

describe('cleanHtml attributes', () => {
  it('keeps what Readability and the junk rules read and drops the rest', () => {
    const cleaned = cleanHtml(
      '<div class="story" id="main" data-track="x" title="Story" onclick="go()"><a href="https://example.com/a" target="_blank" rel="author">A</a> <a href="#notes">notes</a> <a href="javascript:void(0)">menu</a></div>',
    );
    expect(cleaned).toBe(
      '<div class="story" id="main"><a rel="author">A</a> <a href="#notes">notes</a> <a href="javascript:void(0)">menu</a></div>',
    );
  });

  it('reads quoted values whole, whatever they hold', () => {
    expect(cleanHtml(`<p title="a > b" class='x y'>text</p>`)).toBe(`<p class='x y'>text</p>`);
    expect(cleanHtml('<meta property="og:title" content="Cranes fall as storm=severe hits">')).toBe(
      '<meta property="og:title" content="Cranes fall as storm=severe hits">',
    );
  });

  it('leaves text that looks like attributes, JSON-LD and the title alone', () => {
    const text = '<p>The ratio a=b held where x = 3 and title="none".</p>';
    expect(cleanHtml(text)).toBe(text);
    const jsonLd =
      '<script type="application/ld+json">{"body":"<a href=\\"/x\\" target=\\"_blank\\">x</a>"}</script>';
    expect(cleanHtml(jsonLd)).toBe(jsonLd);
    const title = '<title>Why <b class="x" data-y="1"> is bold</title>';
    expect(cleanHtml(title)).toBe(title);
  });

  it('leaves a tag it cannot read as it is', () => {
    expect(cleanHtml('<p data-a="unclosed>text</p>')).toBe('<p data-a="unclosed>text</p>');
  });
});

describe('cleanHtml structure', () => {
  it('drops empty containers, two levels deep, but keeps empty inline elements', () => {
    expect(cleanHtml('<div class="x"><div class="spacer"> </div></div><p>text</p>')).toBe('<p>text</p>');
    expect(cleanHtml('<p>a<br><a></a><br>b</p>')).toBe('<p>a<br><a></a><br>b</p>');
  });

  it('drops whitespace at block edges and keeps it between words', () => {
    expect(cleanHtml('<div>\n  <p> one <b>two</b> <i>three</i> </p>\n</div>')).toBe(
      '<div><p>one <b>two</b> <i>three</i></p></div>',
    );
  });

  it('cuts a page at its markup limit', () => {
    const cleaned = cleanHtml(`<p>start</p>${'a &amp; '.repeat(MAX_MARKUP)}`);
    expect(cleaned.startsWith('<p>start</p>a &amp; ')).toBe(true);
    expect(cleaned.split('&').length - 1 + cleaned.split('<').length - 1).toBe(MAX_MARKUP);
  });
});
