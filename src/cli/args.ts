import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDuration } from '../core/duration.js';
import { err, ok, type Result } from '../core/result.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** One subcommand of `gazette`: how it is called and what it does. */
export interface Subcommand {
  readonly name: string;
  /** Arguments after the name, as usage shows them. */
  readonly synopsis: string;
  readonly summary: string;
  /** More lines for `gazette <name> --help`. */
  readonly details: readonly string[];
  readonly options: Options;
  /** How many positionals it takes: [least, most]. */
  readonly positionals: readonly [number, number];
}

const inOut: Options = { in: { type: 'string' }, out: { type: 'string' } };
const since: Options = { since: { type: 'string', default: '24h' } };
const many = Number.POSITIVE_INFINITY;

/** Every subcommand, in the order `gazette --help` lists them. */
export const subcommands: readonly Subcommand[] = [
  {
    name: 'start',
    synopsis: '',
    summary: 'run every platform whose token is set (the console when none is)',
    details: [
      'With no DISCORD_TOKEN or TELEGRAM_BOT_TOKEN, follows the configured catalog feeds and prints',
      'digests here; type /help at the prompt for the chat commands. Ctrl+C or SIGTERM stops it.',
    ],
    options: {},
    positionals: [0, 0],
  },
  {
    name: 'digest',
    synopsis: '<feed>... [--since 24h]',
    summary: 'fetch feeds (URL, catalog id or topic) once and print a digest',
    details: [
      '--since DURATION   how far back stories count: 90m, 24h, 1h30m, 2 days, 1w, PT36H (default 24h)',
      'Exits with status 1 when none of the feeds could be fetched.',
    ],
    options: since,
    positionals: [1, many],
  },
  {
    name: 'import',
    synopsis: '<file.opml>',
    summary: 'follow every feed of an OPML file in the console chat',
    details: [
      'Feeds that cannot be reached now are followed and retried; what is not a feed is refused.',
      'Exits with status 1 when no feed could be followed.',
    ],
    options: {},
    positionals: [1, 1],
  },
  {
    name: 'export',
    synopsis: '',
    summary: "print the console chat's feeds as OPML",
    details: [],
    options: {},
    positionals: [0, 0],
  },
  {
    name: 'demo',
    synopsis: '[--since 24h]',
    summary: 'serve sample feeds on 127.0.0.1 and print a digest of them',
    details: ['Needs no network and no token.'],
    options: since,
    positionals: [0, 0],
  },
  {
    name: 'deploy-commands',
    synopsis: '',
    summary: 'register the Discord slash commands now (in DISCORD_GUILD_ID if set)',
    details: ['Needs DISCORD_TOKEN and DISCORD_APPLICATION_ID.'],
    options: {},
    positionals: [0, 0],
  },
  {
    name: 'condense',
    synopsis: '--in rows.jsonl --out out.jsonl',
    summary: 'summarise and tag rows of {id, article, title?, url?, source?}',
    details: [
      'Writes {id, summary, sentences, topics, mainTopics, language} per row.',
      'Rows of one source are read as one feed: text they all repeat (a channel’s blurb) is left out.',
    ],
    options: inOut,
    positionals: [0, 0],
  },
  {
    name: 'extract',
    synopsis: '--in DIR --out texts.json',
    summary: 'article text of DIR/<id>.html(.gz) as {"<id>": {"text"}}',
    details: [],
    options: inOut,
    positionals: [0, 0],
  },
  {
    name: 'cluster',
    synopsis: '--in items.jsonl --out out.jsonl',
    summary: 'story of each item {id, source, url, title, text, published}',
    details: ['Writes {id, story} per item.'],
    options: inOut,
    positionals: [0, 0],
  },
  {
    name: 'help',
    synopsis: '[command]',
    summary: 'show this text, or one command’s',
    details: [],
    options: {},
    positionals: [0, 1],
  },
];

const line = (sub: Subcommand): string => `  ${`${sub.name} ${sub.synopsis}`.padEnd(40)} ${sub.summary}`;

/** The text of `gazette --help`. */
export const usage = [
  'Usage: gazette <command> [options]',
  '',
  'Commands:',
  ...subcommands.map(line),
  '',
  'Options: --help (also after a command), --version.',
  'Configuration: config/default.yaml, then the file named by GAZETTE_CONFIG, then the',
  'environment (DISCORD_TOKEN, TELEGRAM_BOT_TOKEN, DATABASE_URL, GAZETTE_DATA_DIR, LOG_FORMAT, ...).',
].join('\n');

/** The text of `gazette <name> --help`. */
export function helpOf(sub: Subcommand): string {
  const synopsis = `Usage: gazette ${sub.name}${sub.synopsis ? ` ${sub.synopsis}` : ''}`;
  return [
    synopsis,
    '',
    `${sub.summary[0]?.toUpperCase() ?? ''}${sub.summary.slice(1)}.`,
    ...sub.details,
  ].join('\n');
}

/** What the command line asks for. */
export type Invocation =
  | {
      readonly kind: 'run';
      readonly command: Subcommand;
      readonly values: Readonly<Record<string, unknown>>;
      readonly positionals: readonly string[];
    }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' };

/** A misuse of the command line, in one line. */
const misuse = (where: string, what: string): Result<Invocation, string> =>
  err(`${where}: ${what} (see ${where} --help)`);

function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  // Node quotes the option as '-h, --help' or '--since <value>': name its long form when it has one.
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const name = /--[\w-]+/.exec(quoted)?.[0] ?? /-\w/.exec(quoted)?.[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${name}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('argument missing')) return `${name} needs a value`;
      // Node will not take "--since -5h": a value that starts with a dash looks like an option.
      if (message.includes('ambiguous'))
        return `${name} needs a value; write one that starts with "-" as ${name}=…`;
      return `${name} takes no value`;
    default:
      return message.split('\n')[0] ?? message;
  }
}

/**
 * `--since 2 days` as typed without quotes: the shell splits it into two words, and a number
 * followed by a word that makes it a duration is the one value the README shows.
 */
function joinSpacedDurations(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = arg === '--since' ? args[i + 1] : arg.startsWith('--since=') ? arg.slice(8) : undefined;
    const unit = args[i + (arg === '--since' ? 2 : 1)];
    if (
      value !== undefined &&
      unit !== undefined &&
      /^\d+(?:[.,]\d+)?$/u.test(value) &&
      /^\p{L}+$/u.test(unit) &&
      parseDuration(`${value} ${unit}`) !== null
    ) {
      out.push(`--since=${value} ${unit}`);
      i += arg === '--since' ? 2 : 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Reads `gazette`'s arguments; an error is one line saying what is wrong. */
export function readCommandLine(argv: readonly string[]): Result<Invocation, string> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return ok({ kind: 'help', text: usage });
  if (first === '--version' || first === '-V' || first === '-v') return ok({ kind: 'version' });
  const command = subcommands.find((s) => s.name === first);
  if (!command) {
    const what = first.startsWith('-')
      ? `unknown option ${first}`
      : `unknown command "${first.slice(0, 40)}"`;
    return err(`gazette: ${what} (see gazette --help)`);
  }
  const where = `gazette ${command.name}`;
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: joinSpacedDurations(rest),
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return misuse(where, explain(error));
  }
  if (parsed.values.help === true) return ok({ kind: 'help', text: helpOf(command) });
  const [least, most] = command.positionals;
  const count = parsed.positionals.length;
  if (count > most)
    return misuse(where, `unexpected argument "${(parsed.positionals[most] ?? '').slice(0, 60)}"`);
  if (count < least) return misuse(where, `missing ${command.synopsis.split(' ')[0] ?? 'argument'}`);
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.type === 'string' && spec.default === undefined && parsed.values[name] === undefined)
      return misuse(where, `--${name} is required`);
  }
  return ok({ kind: 'run', command, values: parsed.values, positionals: parsed.positionals });
}
