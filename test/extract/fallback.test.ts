import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { DomDocument } from '../../src/extract/dom.js';
import { extractArticle } from '../../src/extract/extract-article.js';
import { densestParagraphs } from '../../src/extract/fallback.js';

const sentences = [
  'Harbour officials in Port Selwyn said on Tuesday that two cranes collapsed during a storm.',
  'The port handles about a third of the region’s container traffic, and shipping firms warned of delays.',
  'Engineers from the harbour authority began inspecting the remaining cranes on Wednesday morning.',
  'The authority expects to reopen two of the five berths on Friday if the inspections find no damage.',
];

function documentOf(html: string): DomDocument {
  return (parseHTML(html) as unknown as { document: DomDocument }).document;
}

describe('densestParagraphs', () => {
  it('takes the whole container, headings and lists included, whatever the container is called', () => {
    const document = documentOf(`<html><body>
      <div class="sidebar"><p>${sentences[0] ?? ''} Elsewhere.</p></div>
      <div class="entry-content read-more"><h2>What happened</h2><p>${sentences[0] ?? ''}</p>
      <ul><li>Two cranes down</li><li>Three berths closed</li></ul><p>${sentences[1] ?? ''}</p>
      <blockquote>${sentences[2] ?? ''}</blockquote><p>${sentences[3] ?? ''}</p></div></body></html>`);
    expect(densestParagraphs(document).map((b) => b.text)).toEqual([
      'What happened',
      sentences[0],
      'Two cranes down',
      'Three berths closed',
      sentences[1],
      sentences[2],
      sentences[3],
    ]);
  });

  it('counts no paragraph nested deeper than it is told to read', () => {
    const deep = `${'<div>'.repeat(50)}${sentences.map((s) => `<p>${s}</p>`).join('')}${'</div>'.repeat(50)}`;
    const document = documentOf(`<html><body>${deep}</body></html>`);
    expect(densestParagraphs(document, 40)).toEqual([]);
    expect(densestParagraphs(document, 60)).toHaveLength(4);
  });
});

describe('extractArticle when Readability finds too little', () => {
  it('reads the page builder’s article that Readability strips as widgets', () => {
    // Page builders name every block a widget, which Readability weighs as page furniture.
    const widget = (inner: string): string =>
      `<div class="builder-widget builder-widget-text"><div class="builder-widget-container">${inner}</div></div>`;
    const page = `<html><head><title>Cranes collapse</title></head><body>
      ${widget('<h1>Cranes collapse</h1>')}
      ${widget(`<h3>The storm</h3>${sentences.map((s) => `<p>${s}</p>`).join('')}<ul><li>Berth 1: closed</li><li>Berth 2: open</li></ul>`)}
      </body></html>`;
    const text = extractArticle(page)?.text ?? '';
    for (const sentence of sentences) expect(text).toContain(sentence);
    expect(text).toContain('Berth 1: closed');
  });
});
