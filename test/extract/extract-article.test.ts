import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article.js';
import { cleanHtml } from '../../src/extract/clean-html.js';
import { isDateOnly } from '../../src/extract/junk.js';

const paragraphs = [
  'Harbour officials in Port Selwyn said on Tuesday that two cranes collapsed during a storm, halting cargo traffic for the rest of the week.',
  'The port handles about a third of the region’s container traffic, and shipping firms warned of delays reaching inland warehouses by the weekend.',
  'Engineers from the harbour authority began inspecting the remaining cranes on Wednesday morning, a spokeswoman for the authority said.',
  'No one was hurt in the collapse, which happened shortly after midnight when wind speeds passed 120 kilometres per hour.',
  'The authority expects to reopen two of the five berths on Friday if the inspections find no further damage to the quay.',
];

const page = `<!doctype html><html><head><title>Cranes collapse at Port Selwyn | Harbour Times</title>
<meta property="og:title" content="Cranes collapse at Port Selwyn">
<script>window.tracking = { page: 'article' };</script><style>.x { color: red }</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Cranes collapse at Port Selwyn</h1>
<p class="byline">By Mara Quill</p>
<p>Published 09:14 GMT, 12 March 2024</p>
<div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<p>${paragraphs[0]}</p>
<figure><img src="crane.jpg"><figcaption>A collapsed crane at the container terminal. (Photo: Harbour Times / Jon Reed)</figcaption></figure>
<p>${paragraphs[1]}</p>
<p>Read more: Storm warnings issued for the whole coast</p>
<p>${paragraphs[2]}</p>
<p>${paragraphs[3]}</p>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Port strike ends after two weeks</a></li><li><a href="/b">New ferry route opens</a></li></ul></aside>
<p>${paragraphs[4]}</p>
<div class="newsletter"><p>Sign up for our morning briefing and get the day’s news in your inbox.</p></div>
</article>
<section id="comments"><h3>Leave a reply</h3><form><textarea></textarea><button>Post comment</button></form></section>
</main>
<footer><p>Copyright © 2024 Harbour Times. All rights reserved.</p></footer>
</body></html>`;

describe('extractArticle', () => {
  it('keeps every paragraph of the article, in order, and nothing around it', () => {
    const article = extractArticle(page);
    expect(article).not.toBeNull();
    expect(article?.title).toBe('Cranes collapse at Port Selwyn');
    const blocks = article?.text.split('\n\n') ?? [];
    expect(blocks).toEqual(paragraphs);
  });

  it('drops a caption that repeats its picture’s description, whatever markup carries it', () => {
    const caption = 'An artist’s illustration of the collapsed crane at night';
    const html = `<html><body><article><img src="c.jpg" alt="An artist&#8217;s illustration of the collapsed crane at night"><div class="box"><div>${caption}</div></div>${paragraphs
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`;
    expect(extractArticle(html)?.text.split('\n\n')).toEqual(paragraphs);
  });

  it('reads an empty block between two runs of text as the break it stands for', () => {
    const html = `<html><body><article><p>${paragraphs[0]}<div class="fake-br"></div>${paragraphs[1]}</p>${paragraphs
      .slice(2)
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`;
    expect(extractArticle(html)?.text).toContain(`${paragraphs[0]} ${paragraphs[1]}`);
  });

  it('returns null for a page without text and never throws on garbage', () => {
    expect(extractArticle('')).toBeNull();
    expect(extractArticle('<html><body><nav>Home</nav></body></html>')).toBeNull();
    expect(() => extractArticle('<div><p>unclosed <b>tags <i>everywhere')).not.toThrow();
    expect(() => extractArticle('\u0000\u0001 <<<>>> &&& </p></div>')).not.toThrow();
  });

  it('falls back to the densest run of paragraphs when Readability finds too little', () => {
    const html = `<html><body><div><p>${paragraphs[0]}</p><p>${paragraphs[1]}</p></div><div><p>Short.</p></div></body></html>`;
    const article = extractArticle(html);
    expect(article?.text).toContain(paragraphs[0]);
    expect(article?.text).toContain(paragraphs[1]);
  });

  it('reads a large page quickly', () => {
    const body = Array.from({ length: 1000 }, (_, i) => `<p>Paragraph ${i}: ${paragraphs[i % 5] ?? ''}</p>`);
    const big = `<html><body><article>${body.join('')}</article></body></html>`;
    const started = performance.now();
    const article = extractArticle(big);
    expect(article).not.toBeNull();
    // Generous: the point is that nothing is quadratic in the page size.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('cleanHtml', () => {
  it('drops scripts, styles, comments and navigation but keeps JSON-LD', () => {
    const html =
      '<script>x()</script><script type="application/ld+json">{"headline":"A"}</script><style>p{}</style><!-- c --><nav>menu</nav><p style="x">text</p>';
    const cleaned = cleanHtml(html);
    expect(cleaned).toContain('ld+json');
    expect(cleaned).not.toContain('x()');
    expect(cleaned).not.toContain('menu');
    expect(cleaned).not.toContain('style=');
    expect(cleaned).toContain('<p>text</p>');
  });

  it('survives an unclosed script', () => {
    expect(cleanHtml('<p>a</p><script>never closed')).toBe('<p>a</p>');
  });
});

describe('junk rules', () => {
  it('knows a date line from a sentence with a date in it', () => {
    expect(isDateOnly('November 20, 2019 - 11:28 AMT')).toBe(true);
    expect(isDateOnly('Tue 19 Nov 2019 10:07')).toBe(true);
    expect(isDateOnly('The port reopened on November 20, 2019.')).toBe(false);
    // Two dates, a.m. at the end, and the stamp word glued to the first date.
    expect(isDateOnly('Nov. 20, 2019Updated: Nov. 20, 2019 1:35 a.m.')).toBe(true);
    expect(isDateOnly('Updated rules apply from Nov. 20, 2019.')).toBe(false);
  });
});
