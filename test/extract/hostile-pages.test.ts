import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article.js';
import { betterText } from '../../src/pipeline/extract-pending.js';

const sentence =
  'Harbour officials in Port Selwyn said on Tuesday that two cranes collapsed during a storm, halting cargo traffic.';

// Each of these once kept Readability busy for minutes (it re-reads every candidate's subtree), or
// built a node per character; the test timeout is the bound that matters.
describe('extractArticle on hostile pages', () => {
  it('answers for elements nested thousands deep', () => {
    const deep = `<html><body>${'<div>'.repeat(20_000)}<p>${sentence}</p>${'</div>'.repeat(20_000)}</body></html>`;
    expect(() => extractArticle(deep)).not.toThrow();
    const inline = `<html><body><p>${'<b>'.repeat(20_000)}${sentence}</p></body></html>`;
    expect(() => extractArticle(inline)).not.toThrow();
  });

  it('answers for paragraphs nested in one another', () => {
    const nested = `<html><body>${`<p>${sentence} <span>`.repeat(10_000)}</body></html>`;
    expect(() => extractArticle(nested)).not.toThrow();
  });

  it('keeps the article of a page nested just past the depth limit', () => {
    const paragraphs = Array.from({ length: 5 }, (_, i) => `<p>${i}: ${sentence}</p>`).join('');
    const page = `<html><body><div>${paragraphs}</div>${'<div>'.repeat(300)}x${'</div>'.repeat(300)}</body></html>`;
    expect(extractArticle(page)?.text.split('\n\n')).toHaveLength(5);
  });

  it('reads thousands of paragraphs inside deep nesting in a fraction of a second, under every other limit', () => {
    // 788 kB: 195 nested blocks around 19,000 paragraphs, each limit alone met; it took a minute.
    const paragraphs = Array.from({ length: 19_000 }, (_, i) => `<p>Paragraph ${i} of text with words.</p>`);
    const page = `<html><body>${'<div>'.repeat(195)}${paragraphs.join('')}</body></html>`;
    const started = performance.now();
    extractArticle(page);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('answers for a page of nothing but markup characters', () => {
    expect(extractArticle('<'.repeat(1_000_000))).toBeNull();
    expect(() => extractArticle(`<html><body>${'x &amp; '.repeat(200_000)}</body></html>`)).not.toThrow();
  });
});

describe('extractArticle on pages that are not one article', () => {
  const paragraphs = (n: number, topic: string): string =>
    Array.from(
      { length: n },
      (_, i) =>
        `<p>${topic} ${i}: harbour officials said the inspection of the quay would take until Friday, and that cargo would be rerouted meanwhile.</p>`,
    ).join('');

  it('answers within bounds for a page of 20,000 elements', () => {
    const links = Array.from({ length: 20_000 }, (_, i) => `<li><a href="/s/${i}">Story ${i}</a></li>`).join(
      '',
    );
    const time = (page: string): { text: string | null; ms: number } => {
      const started = process.hrtime.bigint();
      const text = extractArticle(page)?.text ?? null;
      return { text, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    // The article before the links is found; after them, reading stops at the markup limit first.
    const after = time(
      `<html><body><article>${paragraphs(5, 'Cranes')}</article><ul>${links}</ul></body></html>`,
    );
    expect(after.text).toContain('Cranes 4');
    const before = time(
      `<html><body><ul>${links}</ul><article>${paragraphs(5, 'Cranes')}</article></body></html>`,
    );
    expect(before.text ?? '').not.toMatch(/Story \d+/u);
    // Generous: each takes about a tenth of this on a loaded machine.
    expect(Math.max(after.ms, before.ms)).toBeLessThan(10_000);
  });

  it('answers for elements nested 200 deep, and the feed text stays', () => {
    const page = `<html><body>${'<div>'.repeat(200)}${paragraphs(5, 'Cranes')}${'</div>'.repeat(200)}</body></html>`;
    const text = extractArticle(page)?.text ?? null;
    expect(betterText(sentence, text)).toBe(text ?? sentence);
    const shallow = `<html><body>${'<div>'.repeat(150)}${paragraphs(5, 'Cranes')}${'</div>'.repeat(150)}</body></html>`;
    expect(extractArticle(shallow)?.text.split('\n\n')).toHaveLength(5);
  });

  it('finds nothing on a page with no article', () => {
    const page = `<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><ul>${Array.from(
      { length: 50 },
      (_, i) => `<li><a href="/s/${i}">Headline ${i}</a></li>`,
    ).join('')}</ul></body></html>`;
    const text = extractArticle(page)?.text ?? '';
    expect(text).not.toMatch(/Headline \d+/u);
  });

  it('keeps one article of a page with several, and no paragraph twice', () => {
    const page = `<html><body><article>${paragraphs(6, 'Cranes')}</article><article>${paragraphs(2, 'Ferries')}</article></body></html>`;
    const blocks = extractArticle(page)?.text.split('\n\n') ?? [];
    expect(blocks.filter((b) => b.startsWith('Cranes'))).toHaveLength(6);
    expect(new Set(blocks).size).toBe(blocks.length);
  });

  it('gives a paywall stub, which the feed text then beats', () => {
    const page = `<html><body><article><p>Harbour officials said two cranes collapsed.</p><div class="paywall"><p>Subscribe to keep reading. Already a subscriber? Sign in.</p></div></article></body></html>`;
    const text = extractArticle(page)?.text ?? null;
    expect(text === null || text.length < 250).toBe(true);
    const feed = `${sentence} Cargo traffic was halted for the rest of the week while engineers inspected the quay and the remaining cranes.`;
    expect(betterText(feed, text)).toBe(feed);
  });
});
