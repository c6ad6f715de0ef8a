/**
 * Page junk that scrapers and feeds leave in article text: comment forms, share prompts, bylines,
 * credits, cookie notices. Patterns are anchored and length-bounded so real news sentences survive.
 */

import { collapseWhitespace, paragraphs, splitSentences } from './sentences.js';
import { isAttributed } from './openers.js';
import { LINK } from './tagging-text.js';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?';
const TIME = '\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*[a-z]{2,4})?';
const DATE = `(?:${DAY}\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}(?:t[\\d:.]+(?:z|[+-]\\d{2}:?\\d{2})?)?|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4})`;
const SHARE_WORDS =
  '(?:share|tweet|email|e-mail|print|copy link|whatsapp|facebook|twitter|x|linkedin|pinterest|reddit|telegram|messenger|flipboard|comments?)';

/** Whole-line or whole-sentence patterns; each is tried against the trimmed text. */
const PATTERNS: readonly RegExp[] = [
  // Comment forms.
  /^please enter your (?:comment|name|email|e-mail|website)\b/iu,
  /^(?:leave a (?:reply|comment)|post a comment|add a comment|cancel reply|join the (?:conversation|discussion))\b/iu,
  /^you must be (?:logged|signed) in to (?:post|leave) a comment/iu,
  /^(?:your email address will not be published|required fields are marked|save my name, email)/iu,
  /^this site uses akismet/iu,
  /^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$/iu,
  // Share and subscribe prompts.
  new RegExp(`^${SHARE_WORDS}(?:(?:\\s*[|,/·•]\\s*|\\s+)${SHARE_WORDS})*:?$`, 'iu'),
  /^share (?:this|on|via|the|article|story|post|page)\b.{0,60}$/iu,
  /^(?:sign up|subscribe|register)\b.{0,80}\b(?:newsletter|updates|alerts|inbox|briefing)\b.{0,40}$/iu,
  /^(?:get|receive) (?:our|the) .{0,40}newsletter\b.{0,60}$/iu,
  // "Find us on Facebook for the latest highlights", "Like us on Facebook": where a channel is, not news.
  /^(?:find|follow|like|join|visit) (?:us|me) (?:on|at)\b.{0,100}$/iu,
  // A podcast's host credit: "Hosted on Acast.", "Hosted by Simplecast".
  /^hosted (?:on|by)\s+\S+(?:\s+\S+)?\.?$/iu,
  // Navigation.
  /^(?:read more|read next|read also|read the full|continue reading|keep reading|see also)\b.{0,120}$/iu,
  /^(?:à lire aussi|lire aussi|voir aussi|lesen sie auch|mehr zum thema|leer más|lee también|ver también|leggi anche|vedi anche|leia também|veja também|leia mais|saiba mais|lire la suite|en savoir plus|weiterlesen|mehr lesen|leggi di più|continua a leggere|seguir leyendo|sigue leyendo)(?![\p{L}]).{0,160}$/iu,
  /^(?:related|more|also read|recommended|most read|trending)(?: (?:articles?|stories|coverage|content|news|links?))?\s*:/iu,
  /^(?:click here|tap here|scroll down for (?:video|more))\b.{0,120}$/iu,
  /^(?:advertisement|sponsored content|story continues below|skip advertisement)$/iu,
  /^(?:watch|listen)(?: now)?:.{0,120}$/iu,
  // Cookies and legal lines.
  /^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))/iu,
  // Image credits.
  /^(?:photo|image|picture|pictures|photograph|illustration|graphic|video|footage)s?\s*(?:(?:credit|courtesy|by)\s*)?[:|]/iu,
  /^(?:image|photo|picture) (?:copyright|source|caption|credit)\b/iu,
  /^(?:photo|photograph|image|picture)s? by\b.{0,80}$/iu,
  /^\(?(?:getty images|ap photo|afp|reuters|epa|pa media|shutterstock|alamy)\b[^.]{0,60}\)?$/iu,
  /^.{0,80}(?:\/\s*|\()(?:getty images|ap|afp(?: via getty images)?|reuters|epa|shutterstock|alamy)\)?$/iu,
  // Bylines and stamps.
  new RegExp(`^${DATE}(?:\\s*(?:(?:[,|•·]|at)\\s*)?${TIME})?$`, 'iu'),
  new RegExp(`^${TIME}(?:\\s*(?:[,|•·]\\s*)?${DATE})?$`, 'iu'),
  /^(?:https?:\/\/|www\.)\S+$/iu,
  // Credits of a video or a report: "Al Jazeera's Assed Baig reports from London.", "1 NEWS' Barbara
  // Dreaver with the latest news", "Fox News' Jessica Napoli contributed to this report."
  /^(?:[\p{Lu}\p{N}][\p{L}\p{N}.&-]*\s+){0,3}[\p{Lu}\p{N}][\p{L}\p{N}.&-]*['’]s?\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,4}(?:reports|reporting|has more|has the story|has the details|with the latest|with more)(?![\p{L}]).{0,100}$/u,
  /^.{0,100}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?$/iu,
  // A Reddit feed's footer under every post: the poster and the links, no news.
  // Its markup may run the words together ("submitted byname tosub[link][533 comments]").
  /^(?:submitted by\s*(?:\/?u\/)?[\w-]{1,60}(?:\s*to\s*(?:\/?r\/)?\w{1,60})?(?:\s*\[(?:link|comments|\d[\d,.]*k?\s+comments?)\]){0,2}|\[(?:link|comments)\]\s*\[(?:comments|\d[\d,.]*k?\s+comments?)\])$/iu,
  // A sponsor's read: "Use code GRUBER for 10% off your first order."
  /^(?:use|enter) (?:the |promo |coupon |discount |offer )?code\s+\S{2,30}\s+(?:for|to get|and get|at checkout)\s.{0,80}\b(?:off|discount|free)\b.{0,80}$/iu,
  // A sign-off that is only a handle: "— @hodlhodl".
  /^[—–-]*\s*@[\w.]{1,30}$/u,
  // A channel speaking to its viewer: news is never told in the imperative.
  /^(?:join|subscribe|watch|follow|visit|listen|sign up|download|click|tap|don'?t forget|stay tuned|tune in)(?![\p{L}\p{N}-]).{0,200}$/iu,
];

// One alternation of every pattern: each keeps its own anchors, so it matches exactly when one of
// them does, and a sentence costs one regex call instead of one per pattern.
const ANY_PATTERN = new RegExp(PATTERNS.map((pattern) => `(?:${pattern.source})`).join('|'), 'iu');

/**
 * Cookie and legal lines, which may match anywhere in a line: each behind a word it cannot match
 * without, since an unanchored case-folding search tried at every position of every sentence was
 * a large share of condensing.
 */
const ANYWHERE: readonly (readonly [needle: string, pattern: RegExp])[] = [
  [
    'cookie',
    /\b(?:we use cookies|this (?:web)?site uses cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences))\b/iu,
  ],
  ['rights reserved', /\ball rights reserved\b/iu],
];

// "By Jane Doe", "By Jane Doe and John Roe, BBC News": a name of capitalised words, an optional outlet.
// "Por", "Par", "Von", "Di": the same credit in the catalog's other languages ("Por A e B").
// A syndicator's form ("Story by Jane Doe • 2h ago", "Written by Jane Doe | 3 min read") adds a
// word before "by" and how long ago or how long a read after the name.
const BYLINE =
  /^(?:(?:[Ss]tory|[Ww]ords|[Ww]ritten|[Rr]eport(?:ed|ing)?|[Aa]rticle) [Bb]y|[Bb]y|[Pp]or|[Pp]ar|[Vv]on|[Dd]i)\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s*(?:(?:and|&|e|et|und|y)\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s*)?(?:[,|–—-]\s*\p{Lu}[\p{L}'’.&-]*(?:\s+\p{Lu}[\p{L}'’.&-]*){0,4}\s*)?(?:[•·|]\s*\d{1,3}\s*(?:[smhd]|mins?|minutes?|hrs?|hours?|days?)(?:\s+ago|\s+read)\.?\s*)?$/u;
const NOT_A_NAME =
  /^by\s+(?:the|a|an|this|that|its|his|her|their|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|christmas|then|now|far|contrast|comparison|default|law)\b/iu;

const STAMP_START = /^(?:(?:first |last )?published|(?:last )?updated|posted|last modified)\b/iu;
const STAMP_FILLER = new RegExp(
  `${DATE}|${TIME}|\\b(?:${MONTH}|${DAY}|on|at|by|and|am|pm|[ap]\\.m\\.|gmt|bst|utc|cet|cest|[ecmp][sd]t|\\d+|(?:first |last )?published|(?:last )?updated|posted|modified|ago|hours?|minutes?|mins?|days?)(?![\\p{L}])`,
  'giu',
);

// "Published 12:00 EST, 1 April 2015 | Updated ..." or "Posted by Jane Doe on 3 May": only stamp words,
// dates and a capitalised name; "Published in 2019, the report found ..." keeps lower-case prose.
function isStamp(text: string): boolean {
  if (text.length > 140 || !STAMP_START.test(text)) return false;
  const rest = text
    .replace(STAMP_FILLER, ' ')
    .replace(/[\s,:;|•·()/-]+/gu, ' ')
    .trim();
  if (rest === '') return true;
  const leftover = rest.split(' ');
  return leftover.length <= 4 && leftover.every((word) => /^\p{Lu}/u.test(word));
}

// Inline phrases that sites glue into the middle of a paragraph.
const INLINE = /\bScroll down for (?:video|videos|more)\b\s*/gu;

const ADDRESS = /(?:https?:\/\/|www\.)[^\s<>"]+/giu;

/** True when web addresses fill over a third of the line: a list of links, not prose. */
function isLinkList(text: string): boolean {
  let chars = 0;
  for (const [address] of text.matchAll(ADDRESS)) chars += address.length;
  return chars * 3 > text.length;
}

// A run of hashtags followed by links, or closing the text: where a video channel's description
// ends and its standing footer ("#FoxNews #Tucker Subscribe to Fox News! https://…") begins.
const HASHTAG_RUN = /(?:^|\s)#[\p{L}\p{N}_]+(?:\s+#[\p{L}\p{N}_]+)+/u;
const FIRST_ADDRESS = /(?:https?:\/\/|www\.)\S/iu;

/**
 * The text before a channel's footer: a run of hashtags followed by links or ending the text, or
 * the first web address from which on links fill over a third of the text. The whole text when it
 * has neither.
 */
export function withoutChannelFooter(text: string): string {
  let end = text.length;
  const run = HASHTAG_RUN.exec(text);
  if (run !== null) {
    const rest = text.slice(run.index + run[0].length);
    if (rest.trim() === '' || FIRST_ADDRESS.test(rest)) end = run.index;
  }
  const address = FIRST_ADDRESS.exec(text);
  if (address !== null && address.index < end && isLinkList(text.slice(address.index, end)))
    end = address.index;
  return end === text.length ? text : text.slice(0, end);
}

// A podcast's or channel's line to its listener: "Learn more about your ad choices.", "See
// omnystudio.com/listener for privacy information.": it sends the reader to an address, or to
// "more" about their own affairs. Advice ("Try listening to your body") stays.
const SENDS_TO = /^(?:see|visit|go to|head to|check out|find|read|learn|get)(?![\p{L}])/iu;
const LEARN_MORE = /^(?:learn|find out|read|get|see) more\b.{0,120}\b(?:you|your)\b/iu;

function isReaderAction(text: string): boolean {
  // "Check your tickets, the operator said": a quoted appeal is news.
  if (text.length > 200 || isAttributed(text)) return false;
  if (LEARN_MORE.test(text)) return true;
  LINK.lastIndex = 0;
  return SENDS_TO.test(text) && LINK.test(text);
}

const LEADING_TAGS = /^(?:[#@][\p{L}\p{N}_]+\s+)+/u;

/** True when the sentence or line is page furniture rather than article prose. */
export function isBoilerplate(sentence: string): boolean {
  const text = collapseWhitespace(sentence).trim();
  if (text === '') return true;
  // Legal and cookie lines can run long; prose past this length is never furniture.
  if (text.length > 300) return false;
  if ((text.includes('://') || text.includes('www.')) && isLinkList(text)) return true;
  if (BYLINE.test(text) && !NOT_A_NAME.test(text)) return true;
  if (isStamp(text)) return true;
  // "#FoxNews Subscribe to Fox News!": a channel's tag in front of its call changes nothing.
  const untagged = text.replace(LEADING_TAGS, '');
  if (ANY_PATTERN.test(untagged)) return true;
  if (isReaderAction(untagged)) return true;
  const lower = text.toLowerCase();
  return ANYWHERE.some(([needle, pattern]) => lower.includes(needle) && pattern.test(text));
}

// "(CNN)", "(CNN Business)", "LONDON (Reuters) -", "WASHINGTON, Sept 24 (Reuters) -", "MOSCOU, 24 SET (ANSA) -",
// "WASHINGTON —", "SINGAPORE - ", "Dekalb, Ill. — ": a wire dateline before the first sentence. Closed by a hyphen it needs five characters, or "NATO -
// Russia talks" would lose NATO; in title case it needs the place's region after a comma.
// Wire services a dateline or credit names, and a site's name as DNS bounds it (labels of at most
// 63 characters), so a long unbroken word costs nothing.
const AGENCIES = 'CNN|AP|AFP|Reuters|Bloomberg|dpa|EFE|ANSA|Xinhua|UPI|PA|Lusa';
const SITE = '[\\p{L}\\p{N}-]{1,63}(?:\\.[\\p{L}\\p{N}-]{1,63}){0,4}\\.(?:com|org|net)';
// The wire's own form, a place or date before the agency in brackets: unambiguous anywhere in
// a page's opening. A desk after the agency ("(CNN Business)") counts where the text or a dash
// follows at once, not a photo credit in prose ("Joe Biden (AP Photo) waves").
const WIRE_DATELINE = `^(?:\\p{Lu}[\\p{L}.'-]*(?:[\\s,]+\\p{Lu}[\\p{L}.'-]*){0,4}(?:,?\\s+(?:\\d{1,2}\\.?\\s+\\p{L}{3,10}\\.?|\\p{L}{3,10}\\.?\\s+\\d{1,2})(?:,?\\s+\\d{4})?)?\\s*)?\\((?:${AGENCIES})(?:\\s+\\p{Lu}\\p{L}{2,20}(?=\\)(?:\\p{Lu}|\\s*[-—–])))?\\)\\.?\\s*[-—–:]?\\s*`;
const DATELINE = new RegExp(
  `${WIRE_DATELINE}|^(?:${AGENCIES}|${SITE})\\s+[-—–]\\s+|^\\p{Lu}[\\p{Lu}\\s.,'-]{2,40}\\s+[—–]\\s+|^\\p{Lu}[\\p{Lu}\\s.,'-]{4,40}\\s+-\\s+|^\\p{Lu}[\\p{L}.'-]*(?:\\s+\\p{Lu}[\\p{L}.'-]*){0,2},\\s+\\p{Lu}[\\p{L}.]*(?:\\s+\\p{Lu}[\\p{L}.]*)?\\s+[—–]\\s+`,
  'u',
);
const WIRE_ONLY = new RegExp(WIRE_DATELINE, 'u');
// "June 10, 2020 4:42 PM ": when the item was filed, stamped before the text by some feeds.
// The time without the zone TIME allows: "5:00 AM An overseas…" would lose its "An".
const FILED_STAMP = new RegExp(
  `^${DATE},?\\s+(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?![\\p{L}\\p{N}])\\s*[|:—–-]?\\s*`,
  'iu',
);

// "… (Reuters)", "… (washingtonpost.com)": who distributed a headline, after it.
const HEADLINE_CREDIT = new RegExp(`\\((?:${AGENCIES}|${SITE})\\)$`, 'u');
/** Characters at a headline's end a credit fits in; only they are searched. */
const CREDIT_CHARS = 340;

/** A headline without the wire service or site credited after it: who sent it says nothing of its topic. */
export function withoutCredit(headline: string): string {
  const trimmed = headline.trimEnd();
  if (!trimmed.endsWith(')')) return headline;
  const tail = trimmed.slice(-CREDIT_CHARS);
  const credit = HEADLINE_CREDIT.exec(tail);
  return credit === null ? headline : trimmed.slice(0, trimmed.length - tail.length + credit.index).trimEnd();
}

/**
 * The text without a leading filing stamp, wire dateline or credit such as "(CNN)", "LONDON
 * (Reuters) -", "AP - " or "washingtonpost.com - ".
 */
export function stripDateline(text: string): string {
  return text.replace(FILED_STAMP, '').replace(DATELINE, '');
}

const ENDS_SENTENCE = /[.!?…:。！？।؟۔።]["'”’»)]?$/u;

/** The text without boilerplate lines and sentences; paragraphs stay separated by blank lines. */
export function stripBoilerplate(text: string, language = 'en'): string {
  return stripBoilerplateSentences(text, language).text;
}

/**
 * {@link stripBoilerplate}'s text together with `splitSentences` of it in the same language, for a
 * caller that needs both.
 */
export function stripBoilerplateSentences(
  text: string,
  language = 'en',
): { text: string; sentences: string[] } {
  const kept: string[] = [];
  const split: string[] = [];
  // Hostile text is read this far at most: every pattern below then costs a bounded time.
  // A page's dateline opens its first paragraph of prose, which lines that end no sentence
  // ("BREAKING NEWS", "Image 1 of 13") may precede; past its first line only the wire's own form
  // is read as one, since prose may open like the others ("Still, Biden — who…").
  let first = true;
  let opening = true;
  for (const line of paragraphs(withoutChannelFooter(text.slice(0, 100_000)).trimStart())) {
    const paragraph = first ? stripDateline(line) : opening ? line.replace(WIRE_ONLY, '') : line;
    first = false;
    if (isBoilerplate(paragraph)) continue;
    if (opening && ENDS_SENTENCE.test(paragraph.trimEnd())) opening = false;
    const cleaned = paragraph.replace(INLINE, '');
    const sentences = splitSentences(cleaned, language);
    const prose = sentences.filter((s) => !isBoilerplate(s));
    // A kept paragraph is one line between blank lines, so splitting the joined text splits each
    // paragraph alone: one kept whole splits into the sentences already found.
    if (prose.length === sentences.length) {
      kept.push(cleaned);
      split.push(...sentences);
    } else if (prose.length > 0) {
      const joined = prose.join(' ');
      kept.push(joined);
      split.push(...splitSentences(joined, language));
    }
  }
  return { text: kept.join('\n\n'), sentences: split };
}
