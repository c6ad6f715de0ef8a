import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isEvalCommand, runEvalCommand } from '../../src/cli/eval-commands.js';
import { loadConfig } from '../../src/config/load.js';
import { UserError } from '../../src/core/errors.js';

const loaded = loadConfig({ configDir: path.resolve(import.meta.dirname, '../../config'), env: {} });
if (!loaded.ok) throw new Error(loaded.error);
const config = loaded.value;
const dir = mkdtempSync(path.join(os.tmpdir(), 'gazette-eval-'));

const article =
  'The city council of Port Selwyn voted on Monday to close the old harbour bridge to cars from June. ' +
  'Cyclists and pedestrians will still be able to cross the bridge, the council said in a statement. ' +
  'Repairs to the bridge are expected to cost 12 million euros and to take two years. ' +
  'Shop owners near the bridge said they feared losing customers during the works.';

const lines = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('gazette condense | extract | cluster', () => {
  it('knows its commands', () => {
    expect(isEvalCommand('condense')).toBe(true);
    expect(isEvalCommand('start')).toBe(false);
  });

  it('condense writes id, summary, sentences, topics, main topics and language per row', () => {
    const input = path.join(dir, 'rows.jsonl');
    const output = path.join(dir, 'out.jsonl');
    writeFileSync(
      input,
      `${JSON.stringify({ id: 'a1', title: 'Council to close harbour bridge', article })}\n\n`,
    );
    runEvalCommand('condense', { in: input, out: output }, config);
    const [row] = lines(output);
    expect(row?.id).toBe('a1');
    expect(row?.language).toBe('en');
    expect(Array.isArray(row?.sentences)).toBe(true);
    expect(row?.summary).toBe((row?.sentences as string[]).join(' '));
    expect(String(row?.summary).length).toBeLessThanOrEqual(config.summary.maxChars);
    expect(Array.isArray(row?.topics)).toBe(true);
    expect(row?.mainTopics).toEqual((row?.topics as string[]).slice(0, (row?.mainTopics as string[]).length));
  });

  it('condense leaves out control characters and lone surrogates, and clips a runaway title, as the feed path does', () => {
    const input = path.join(dir, 'dirty.jsonl');
    const output = path.join(dir, 'dirty-out.jsonl');
    const dirty = article
      .replace('Monday', 'Mon\u0000day\u0001')
      .replace('bridge to cars', 'bridge\ud800 to cars');
    writeFileSync(
      input,
      `${JSON.stringify({ id: 'd1', title: `Bridge ${'x '.repeat(2_000)}`, article: dirty })}\n`,
    );
    runEvalCommand('condense', { in: input, out: output }, config);
    const [row] = lines(output);
    const summary = String(row?.summary);
    expect(summary).toContain('voted on Monday to close the old harbour bridge to cars');
    // Code units below 9 (the control characters) and any lone surrogate (a /u class sees only those).
    expect(
      Array.from({ length: summary.length }, (_, i) => summary.charCodeAt(i)).filter((c) => c < 9),
    ).toEqual([]);
    expect(/[\ud800-\udfff]/u.test(summary)).toBe(false);
  });

  it('condense reads the rows of one source as one feed, leaving out the blurb they all repeat', () => {
    const blurb =
      'FOX News is the most watched cable news channel, according to a survey of viewers. Subscribe to our channel for more.';
    const stories = [
      ['Senator slams plan', 'A senator criticised the spending plan on Tuesday.'],
      ['Storm hits coast', 'A storm flooded coastal towns overnight.'],
      ['Rates held', 'The central bank kept rates at 3% on Wednesday.'],
    ];
    const input = path.join(dir, 'channel.jsonl');
    const output = path.join(dir, 'channel-out.jsonl');
    const rows: Record<string, string>[] = stories.map(([title, lead], i) => ({
      id: `v${i}`,
      source: 'Fox News',
      title: title ?? '',
      article: `${lead ?? ''} ${blurb}`,
    }));
    // Alone, without a source, the same text is read as it is.
    rows.push({ id: 'alone', title: 'Senator slams plan', article: `${stories[0]?.[1] ?? ''} ${blurb}` });
    writeFileSync(input, rows.map((row) => JSON.stringify(row)).join('\n'));
    runEvalCommand('condense', { in: input, out: output }, config);
    const summaries = lines(output).map((row) => String(row.summary));
    expect(summaries.slice(0, 3)).toEqual(stories.map(([, lead]) => lead));
    expect(summaries[3]).toContain('most watched');
  });

  it("condense reads a row's address and categories as the pipeline reads an item's: as topic evidence", () => {
    const input = path.join(dir, 'evidence.jsonl');
    const output = path.join(dir, 'evidence-out.jsonl');
    // A headline the text alone files elsewhere (as culture): the section decides.
    const text = '';
    writeFileSync(
      input,
      [
        { id: 'plain', title: 'New signing arrives', article: text },
        {
          id: 'url',
          title: 'New signing arrives',
          article: text,
          url: 'https://news.example/sport/rugby/123',
        },
        { id: 'categories', title: 'New signing arrives', article: text, categories: ['Sport'] },
      ]
        .map((row) => JSON.stringify(row))
        .join('\n'),
    );
    runEvalCommand('condense', { in: input, out: output }, config);
    const main = lines(output).map((row) => row.mainTopics);
    expect(main[0]).not.toContain('sport');
    expect(main[1]).toEqual(['sport']);
    expect(main[2]).toEqual(['sport']);
  });

  it('extract reads .html and .html.gz files into {id: {text}}', () => {
    const pages = path.join(dir, 'pages');
    mkdirSync(pages, { recursive: true });
    const html = `<html><body><article><p>${article}</p><p>${article.toUpperCase()}</p></article></body></html>`;
    writeFileSync(path.join(pages, 'one.html'), html);
    writeFileSync(path.join(pages, 'two.html.gz'), gzipSync(html));
    writeFileSync(path.join(pages, 'notes.txt'), 'ignored');
    const output = path.join(dir, 'texts.json');
    runEvalCommand('extract', { in: pages, out: output }, config);
    const texts = JSON.parse(readFileSync(output, 'utf8')) as Record<string, { text: string }>;
    expect(Object.keys(texts).sort()).toEqual(['one', 'two']);
    expect(texts.one?.text).toContain('voted on Monday');
    expect(texts.two?.text).toBe(texts.one?.text);
  });

  it('cluster writes the story of every item', () => {
    const input = path.join(dir, 'items.jsonl');
    const output = path.join(dir, 'stories.jsonl');
    const item = (id: string, source: string, url: string): string =>
      JSON.stringify({
        id,
        source,
        url,
        title: 'Council to close harbour bridge',
        text: article,
        published: '2026-03-01T10:00:00Z',
      });
    writeFileSync(
      input,
      [
        item('x', 'one', 'https://one.example/a'),
        item('y', 'two', 'https://two.example/b'),
        item('z', 'three', 'https://three.example/c'),
      ].join('\n'),
    );
    runEvalCommand('cluster', { in: input, out: output }, config);
    const rows = lines(output);
    expect(rows.map((r) => r.id)).toEqual(['x', 'y', 'z']);
    expect(new Set(rows.map((r) => r.story)).size).toBe(1);
  });

  it('names the problem with bad input', () => {
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id": 1}\nnot json\n');
    expect(() => runEvalCommand('cluster', { in: bad, out: path.join(dir, 'x') }, config)).toThrow(
      /bad\.jsonl:2/u,
    );
    expect(() => runEvalCommand('condense', { in: bad }, config)).toThrow(UserError);
    expect(() => runEvalCommand('extract', { in: path.join(dir, 'none'), out: 'x' }, config)).toThrow(
      /No folder/u,
    );
  });

  it('refuses, by line, rows it would otherwise read wrongly, and an output it cannot write', () => {
    const refused = (command: string, rows: readonly string[], out = path.join(dir, 'x')): string => {
      const file = path.join(dir, 'rows-refused.jsonl');
      writeFileSync(file, `${rows.join('\n')}\n`);
      try {
        runEvalCommand(command, { in: file, out }, config);
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        return (error as Error).message;
      }
      throw new Error(`${command} took ${rows.join(' ')}`);
    };
    const ok = JSON.stringify({ id: 'a', title: 'Harbour bridge to close', text: article });
    expect(refused('cluster', [ok, '{"title": "No id"}'])).toMatch(/rows-refused\.jsonl:2 has no "id"/u);
    expect(refused('cluster', [ok, ok])).toMatch(/:2 repeats the id "a" of .*:1/u);
    expect(refused('cluster', [ok, '{"id": "b", "published": "bad-date"}'])).toMatch(
      /:2: "published" is not an ISO 8601 date/u,
    );
    expect(refused('cluster', ['{"id": "b", "title": 7}'])).toMatch(/:1: "title" is not a string/u);
    expect(refused('condense', ['{"id": "b"}'])).toMatch(/:1 has neither "article" nor "title"/u);
    expect(refused('condense', ['{"id": "d", "article": 123}'])).toMatch(/:1: "article" is not a string/u);
    expect(refused('condense', ['{"article": "Text."}'])).toMatch(/:1 has no "id"/u);
    expect(refused('condense', ['{"id": "e", "article": "Text.", "categories": "Sport"}'])).toMatch(
      /:1: "categories" is not a list of strings/u,
    );
    expect(refused('cluster', [ok], path.join(dir, 'no-such-dir', 'out.jsonl'))).toMatch(
      /Cannot write .*out\.jsonl \(ENOENT\)/u,
    );
  });
});
