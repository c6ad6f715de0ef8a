import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article.js';

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

  it('answers for a page of nothing but markup characters', () => {
    expect(extractArticle('<'.repeat(1_000_000))).toBeNull();
    expect(() => extractArticle(`<html><body>${'x &amp; '.repeat(200_000)}</body></html>`)).not.toThrow();
  });
});
