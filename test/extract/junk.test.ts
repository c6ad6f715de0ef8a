import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/extract/blocks.js';
import { dropJunk, isJunkBlock } from '../../src/extract/junk.js';

const block = (text: string, over: Partial<Block> = {}): Block => ({
  tag: 'p',
  text,
  linkChars: 0,
  inFigure: false,
  inList: false,
  hints: '',
  ...over,
});

const prose =
  'The harbour authority said on Wednesday that two of the five berths would reopen on Friday if inspections found no further damage.';

describe('junk blocks', () => {
  it('keeps article prose, even when it mentions sharing, photos or subscriptions', () => {
    expect(isJunkBlock(block(prose), 'Cranes collapse')).toBe(false);
    expect(
      isJunkBlock(
        block('Subscribers to the port’s data service were told of the closure an hour later.'),
        '',
      ),
    ).toBe(false);
    expect(isJunkBlock(block('By noon, the first ships had been turned away from the port.'), '')).toBe(
      false,
    );
  });

  it('drops prompts and teasers in several languages', () => {
    for (const text of [
      'Read more: Storm warnings issued for the whole coast',
      'Sign up for our morning briefing',
      'Lire aussi : la tempête vue du ciel',
      'Mehr zum Thema: Sturm an der Küste',
      'Leer más: Temporal en la costa',
      'Leggi anche: la tempesta sulla costa',
      'Follow @harbourtimes on Twitter',
    ])
      expect(isJunkBlock(block(text), ''), text).toBe(true);
  });

  it('drops captions, credits, bylines, stamps and furniture', () => {
    expect(isJunkBlock(block('A crane lies across the quay.', { inFigure: true }), '')).toBe(true);
    expect(isJunkBlock(block('(Image: © Harbour Authority)'), '')).toBe(true);
    expect(isJunkBlock(block('Photo: John Locher, AP'), '')).toBe(true);
    expect(isJunkBlock(block('By Mara Quill'), '')).toBe(true);
    expect(isJunkBlock(block('Greg Beacham, AP Sports Writer'), '')).toBe(true);
    expect(isJunkBlock(block('Published 11:11 PM EST Nov 19, 2019'), '')).toBe(true);
    expect(isJunkBlock(block('Advertisement'), '')).toBe(true);
    expect(isJunkBlock(block('Copyright © 2024 Harbour Times. All rights reserved.'), '')).toBe(true);
    expect(
      isJunkBlock(block('Cranes collapse at Port Selwyn', { tag: 'h1' }), 'Cranes collapse at Port Selwyn'),
    ).toBe(true);
  });

  it('drops a caption that ends in a bracketed credit, and a pasted address', () => {
    expect(isJunkBlock(block('A crane lies across the quay (Image: GETTY)'), '')).toBe(true);
    expect(isJunkBlock(block('Harbour pilots at work (Photo: Mara Quill / Harbour Times)'), '')).toBe(true);
    expect(
      isJunkBlock(block('https://news.selwyn-harbour.fake/business/article/cranes-14847624.php'), ''),
    ).toBe(true);
    expect(isJunkBlock(block('More port news: https://selwyn-harbour.fake/port'), '')).toBe(true);
    // Prose that cites an address, or a credit inside a sentence, is kept.
    const cited = `${prose} The full report is at https://selwyn-harbour.fake/report.`;
    expect(isJunkBlock(block(cited), '')).toBe(false);
    expect(
      isJunkBlock(block('The image (credit: harbour authority) shows the crane falling into the water.'), ''),
    ).toBe(false);
  });

  it('drops link lists and blocks in containers named for sharing or related stories', () => {
    const related = 'Port strike ends after two weeks';
    expect(isJunkBlock(block(related, { inList: true, linkChars: related.length }), '')).toBe(true);
    expect(isJunkBlock(block(prose, { hints: 'story-body share-tools' }), '')).toBe(true);
    expect(isJunkBlock(block(prose, { hints: 'article-body content' }), '')).toBe(false);
  });

  it('drops a line repeated three times and keeps a repeat once', () => {
    const share = block('Whatsapp Facebook Pinterest');
    const kept = dropJunk([block(prose), share, block(`${prose} Again.`), share, share, block(prose)], '');
    expect(kept.map((b) => b.text)).toEqual([prose, `${prose} Again.`]);
  });
});
