/**
 * `gazette condense | extract | cluster`: the condense steps as file-to-file commands, so that any
 * evaluation harness can score them without running the bot.
 */

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clusterItems, type ClusterItem } from '../stories/cluster-items.js';
import { condenseWithSentences } from '../condense/condense.js';
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

function readJsonLines(file: string): Record<string, unknown>[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    fail(`Cannot read ${file}.`);
  }
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        const value: unknown = JSON.parse(line);
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
          return value as Record<string, unknown>;
      } catch {
        // Reported below with the line number.
      }
      return fail(`${file}:${number} is not a JSON object.`);
    });
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const idOf = (row: Record<string, unknown>): string =>
  typeof row.id === 'string' || typeof row.id === 'number'
    ? String(row.id)
    : fail('Every row needs an "id".');

function condenseRows(rows: readonly Record<string, unknown>[], config: Config): string[] {
  const tagger = createTopicTagger(config.topics);
  const context = { tagger, feedTopics: [], contentHash: '', ...config.summary };
  return rows.map((row) => {
    const item = { title: text(row.title), text: text(row.article) ?? '', categories: [] };
    const { condensed, sentences } = condenseWithSentences(item, context);
    return JSON.stringify({
      id: idOf(row),
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

function clusterRows(rows: readonly Record<string, unknown>[]): string[] {
  const items: ClusterItem[] = rows.map((row) => {
    const published = Date.parse(text(row.published) ?? '');
    return {
      id: idOf(row),
      source: text(row.source) ?? '',
      url: text(row.url),
      title: text(row.title),
      text: text(row.text) ?? '',
      publishedAt: Number.isNaN(published) ? 0 : published,
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
  writeFileSync(output, written);
  return `${command}: ${count} ${command === 'extract' ? 'pages' : 'rows'} written to ${output}`;
}
