/**
 * A piece of text with at most one style. Platforms escape every string they render, so feed
 * text can never become markup on any of them.
 */
export type Span =
  | string
  | { readonly strong: string }
  | { readonly code: string }
  | { readonly href: string; readonly text: string };

/** One line of a reply. */
export type Line = string | readonly Span[];

/** A choice offered under a reply: a button (Discord) or an inline keyboard key (Telegram). */
export interface Choice {
  readonly label: string;
  /** The command the choice runs, with its single argument. */
  readonly command: string;
  readonly value: string;
}

/** A file sent with a reply (e.g. an OPML export). */
export interface ReplyFile {
  readonly name: string;
  readonly mime: string;
  readonly content: string;
}

/** What a command answers, before any platform renders it. */
export interface Reply {
  readonly tone: 'ok' | 'info' | 'error' | 'denied';
  readonly lines: readonly Line[];
  /** Shown only to the person who ran the command where the platform can. */
  readonly ephemeral: boolean;
  readonly choices: readonly Choice[];
  readonly file: ReplyFile | null;
  /** A digest to deliver to the chat after the reply (e.g. `/digest`), already in the outbox. */
  readonly digestId: number | null;
}

type ReplyExtras = Partial<Pick<Reply, 'ephemeral' | 'choices' | 'file' | 'digestId'>>;

function make(tone: Reply['tone'], lines: readonly Line[], extras: ReplyExtras): Reply {
  return {
    tone,
    lines,
    ephemeral: extras.ephemeral ?? false,
    choices: extras.choices ?? [],
    file: extras.file ?? null,
    digestId: extras.digestId ?? null,
  };
}

/** Builders for replies. */
export const reply = {
  ok: (lines: readonly Line[], extras: ReplyExtras = {}): Reply => make('ok', lines, extras),
  info: (lines: readonly Line[], extras: ReplyExtras = {}): Reply => make('info', lines, extras),
  error: (lines: readonly Line[], extras: ReplyExtras = {}): Reply =>
    make('error', lines, { ephemeral: true, ...extras }),
  denied: (lines: readonly Line[]): Reply => make('denied', lines, { ephemeral: true }),
};

/** Plain text of a line, for logs and the console. */
export function lineText(line: Line): string {
  if (typeof line === 'string') return line;
  return line
    .map((span) => {
      if (typeof span === 'string') return span;
      if ('strong' in span) return span.strong;
      if ('code' in span) return span.code;
      return span.text;
    })
    .join('');
}
