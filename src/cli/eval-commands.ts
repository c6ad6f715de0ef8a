/**
 * `gazette condense | extract | cluster`: the condense steps as file-to-file commands, so that any
 * evaluation harness can score them without running the bot.
 */

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clipAtWord } from '../core/clip.js';
import { stripFeedFurniture } from '../ingest/feed-furniture.js';
import { MAX_FIELD_CHARS, MAX_TITLE_CHARS } from '../ingest/normalize.js';
import { NOT_XML_CHARS } from '../ingest/xml-chars.js';
import { clusterItems, type ClusterItem } from '../stories/cluster-items.js';
import { condenseWithSentences } from '../condense/condense.js';
import { feedLanguageOf } from '../condense/language.js';
import { createTopicTagger } from '../condense/topics.js';
import type { Config } from '../config/schema.js';
import { UserError } from '../core/errors.js';
import { extractArticle } from '../extract/extract-article.js';
import { decodeBody } from '../ingest/decode.js';

/** Names of the evaluation commands. */
export const EVAL_COMMANDS = ['condense', 'extract', 'cluster'] as const;
type EvalCommand = (typeof EVAL_COMMANDS)[number];

/** True for a command this module runs. */
export function isEvalCommand(command: string): command is EvalCommand {
  return (EVAL_COMMANDS as readonly string[]).includes(command);
}

function fail(message: string): never {
  throw new UserError('bad_argument', message);
}

/** One row of an input file, with where it stands for messages. */
interface Row {
  readonly fields: Record<string, unknown>;
  /** `file:line`. */
  readonly at: string;
  readonly id: string;
}

/** The file's rows; a row that is no JSON object, has no id or repeats one is refused by its line. */
function readJsonLines(file: string): Row[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    fail(`Cannot read ${file}.`);
  }
  const seen = new Map<string, string>();
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), at: `${file}:${i + 1}` }))
    .filter(({ line }) => line !== '')
    .map(({ line, at }) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        // Reported below with the line number.
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return fail(`${at} is not a JSON object.`);
      const fields = value as Record<string, unknown>;
      if (typeof fields.id !== 'string' && typeof fields.id !== 'number')
        return fail(`${at} has no "id" (a string or a number).`);
      const id = String(fields.id);
      const earlier = seen.get(id);
      if (earlier !== undefined) return fail(`${at} repeats the id "${id.slice(0, 40)}" of ${earlier}.`);
      seen.set(id, at);
      return { fields, at, id };
    });
}

/** A field that must be text when present: null when absent, refused with its line otherwise. */
function textField(row: Row, name: string): string | null {
  const value = row.fields[name];
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : fail(`${row.at}: "${name}" is not a string.`);
}

// A surrogate with no partner (in a /u pattern a pair is one character and never matches): no
// character at all, as a feed's decoder never yields one.
const LONE_SURROGATE = /[\ud800-\udfff]/gu;

/**
 * A row's text as the feed path leaves an item's: at most `max` characters, without the control
 * characters XML forbids or lone surrogates, which would reach summaries otherwise.
 */
function plain(text: string, max: number): string {
  return text.slice(0, max).replace(NOT_XML_CHARS, '').replace(LONE_SURROGATE, '');
}

interface FurnishedRow {
  readonly title: string | null;
  readonly text: string;
  readonly feedLanguage: string | null;
}

/**
 * Each row's title and article, with what its source repeats across its rows removed, as the
 * pipeline removes a feed document's furniture: rows of one `source` are read as one feed.
 */
function furnishedRows(rows: readonly Row[]): FurnishedRow[] {
  const out: FurnishedRow[] = rows.map((row) => {
    const title = textField(row, 'title');
    const article = textField(row, 'article');
    if (article === null && title === null) fail(`${row.at} has neither "article" nor "title".`);
    return {
      title: title === null ? null : clipAtWord(plain(title, MAX_FIELD_CHARS), MAX_TITLE_CHARS),
      text: plain(article ?? '', MAX_FIELD_CHARS),
      feedLanguage: null,
    };
  });
  const bySource = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const source = textField(row, 'source');
    if (source === null) return;
    const list = bySource.get(source) ?? [];
    list.push(index);
    bySource.set(source, list);
  });
  for (const indexes of bySource.values()) {
    const cleaned = stripFeedFurniture(indexes.map((i) => out[i] ?? { title: null, text: '' }));
    // The language most of the source's rows are in, as a poll names its feed's.
    const feedLanguage = feedLanguageOf(cleaned);
    indexes.forEach((i, k) => {
      const item = cleaned[k];
      if (item !== undefined) out[i] = { ...item, feedLanguage };
    });
  }
  return out;
}

/** A row's optional `url` and `categories` (a list of strings), as a feed item carries them. */
function itemFields(row: Row): { url: string | null; categories: string[] } {
  const categories = row.fields.categories ?? [];
  if (!Array.isArray(categories) || !categories.every((c): c is string => typeof c === 'string'))
    fail(`${row.at}: "categories" is not a list of strings.`);
  return { url: textField(row, 'url'), categories };
}

function condenseRows(rows: readonly Row[], config: Config): string[] {
  const tagger = createTopicTagger(config.topics);
  const context = { tagger, feedTopics: [], contentHash: '', ...config.summary };
  const furnished = furnishedRows(rows);
  return rows.map((row, index) => {
    const { title, text, feedLanguage } = furnished[index] ?? { title: null, text: '', feedLanguage: null };
    // Read as the pipeline reads a feed item: its address and categories are topic evidence.
    const item = { title, text, ...itemFields(row) };
    const { condensed, sentences } = condenseWithSentences(item, { ...context, feedLanguage });
    return JSON.stringify({
      id: row.id,
      summary: condensed.summary,
      sentences,
      topics: condensed.topics,
      // The leading topics the article is mainly about: what muting acts on.
      mainTopics: condensed.topics.slice(0, condensed.mainTopics),
      language: condensed.language,
    });
  });
}

function extractDir(dir: string): Record<string, { text: string }> {
  if (!existsSync(dir)) fail(`No folder ${dir}.`);
  const out: Record<string, { text: string }> = {};
  for (const name of readdirSync(dir).sort()) {
    const match = /^(.+)\.html?(?:\.gz)?$/u.exec(name);
    if (match?.[1] === undefined) continue;
    const html = decodeBody(readFileSync(path.join(dir, name)), null);
    out[match[1]] = { text: extractArticle(html)?.text ?? '' };
  }
  return out;
}

function clusterRows(rows: readonly Row[]): string[] {
  const items: ClusterItem[] = rows.map((row) => {
    const published = textField(row, 'published');
    const publishedAt = published === null ? 0 : Date.parse(published);
    if (Number.isNaN(publishedAt)) fail(`${row.at}: "published" is not an ISO 8601 date.`);
    return {
      id: row.id,
      source: textField(row, 'source') ?? '',
      url: textField(row, 'url'),
      title: textField(row, 'title'),
      text: textField(row, 'text') ?? '',
      publishedAt,
    };
  });
  const stories = clusterItems(items);
  return items.map((item) => JSON.stringify({ id: item.id, story: stories.get(item.id) ?? null }));
}

/** Runs one evaluation command with its `--in` and `--out` values; throws a UserError on bad input. */
export function runEvalCommand(
  command: string,
  values: Readonly<Record<string, unknown>>,
  config: Config,
): string {
  const input =
    typeof values.in === 'string' ? values.in : fail(`Usage: gazette ${command} --in PATH --out FILE`);
  const output =
    typeof values.out === 'string' ? values.out : fail(`Usage: gazette ${command} --in PATH --out FILE`);
  let written: string;
  let count: number;
  if (!isEvalCommand(command)) fail(`No evaluation command ${command}.`);
  if (command === 'extract') {
    const texts = extractDir(input);
    count = Object.keys(texts).length;
    written = `${JSON.stringify(texts, null, 1)}\n`;
  } else {
    const rows = readJsonLines(input);
    const lines = command === 'condense' ? condenseRows(rows, config) : clusterRows(rows);
    count = lines.length;
    written = lines.map((line) => `${line}\n`).join('');
  }
  try {
    writeFileSync(output, written);
  } catch (error) {
    fail(`Cannot write ${output} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  return `${command}: ${count} ${command === 'extract' ? 'pages' : 'rows'} written to ${output}`;
}
