/**
 * Sentence openers that lean on an earlier sentence (pronouns, demonstratives, connectives) and
 * phrases that attribute a claim to a source. Both decide which sentences may stand in a summary.
 */

const DANGLING: Readonly<Record<string, string>> = {
  en: `he|she|it|they|this|these|that|those|but|however|and|also|meanwhile|still|yet|so|moreover|furthermore|
    in addition|instead|then|his|her|its|their|him|them|such|thus|therefore|nevertheless|nonetheless|besides|
    otherwise|or|plus|additionally|as a result|even so|on the other hand|at the same time|after that|in contrast|
    likewise|similarly|consequently|hence|accordingly|indeed|the latter|the former|here`,
  de: `er|sie|es|dies|diese|dieser|dieses|diesem|diesen|aber|jedoch|und|auch|außerdem|zudem|dennoch|trotzdem|so|
    dann|deshalb|daher|allerdings|doch|sondern|ebenfalls|stattdessen|darüber hinaus|dabei|damit|dort|sein|seine|
    seinen|seiner|ihr|ihre|ihren|ihrer|ihm|ihnen|danach|darauf|somit|also|inzwischen|unterdessen|ferner|überdies`,
  fr: `il|elle|ils|elles|ce|cet|cette|ces|cela|ceci|ça|c'est|celui|celle|ceux|celles|mais|cependant|toutefois|et|
    aussi|pourtant|donc|ensuite|puis|par ailleurs|en outre|de plus|néanmoins|or|ainsi|alors|lui|leur|leurs|son|sa|
    ses|en revanche|pour autant|d'ailleurs|de son côté|quant à lui|quant à elle`,
  es: `él|ella|ellos|ellas|esto|este|esta|estos|estas|eso|ese|esa|esos|esas|pero|sin embargo|y|también|además|
    entonces|luego|así|aun así|mientras tanto|no obstante|por eso|por lo tanto|asimismo|incluso|por su parte|su|sus`,
  it: `lui|lei|loro|esso|essa|essi|esse|egli|questo|questa|questi|queste|quello|quella|quelli|quelle|ma|però|
    tuttavia|e|anche|inoltre|quindi|poi|allora|intanto|invece|comunque|in più|pertanto|dunque|nel frattempo|suo|
    sua|suoi|sue`,
  nl: `hij|zij|ze|dit|deze|dat|die|maar|echter|en|ook|bovendien|daarnaast|toch|dus|dan|verder|intussen|ondertussen|
    zo|daarom|desondanks|zijn|haar|hun|hierdoor|daardoor`,
  pt: `ele|ela|eles|elas|isso|isto|este|esta|estes|estas|esse|essa|esses|essas|aquele|aquela|mas|porém|contudo|
    entretanto|e|também|além disso|então|depois|assim|ainda|no entanto|todavia|portanto|seu|sua|seus|suas`,
  sv: `han|hon|den|det|de|dessa|detta|men|och|också|dock|så|sedan|därför|hans|hennes|deras`,
  da: `han|hun|den|det|de|disse|dette|men|og|også|dog|så|derfor|hans|hendes|deres`,
  no: `han|hun|den|det|de|disse|dette|men|og|også|likevel|så|derfor|hans|hennes|deres`,
  pl: `on|ona|ono|oni|one|to|ten|ta|te|tego|ale|jednak|i|także|również|więc|potem|jego|jej|ich`,
};

// Openers that join a sentence to the argument before it. Unlike a pronoun, whose referent a
// headline can name, they need the sentence itself.
const CONNECTIVES: Readonly<Record<string, string>> = {
  en: `but|however|and|also|meanwhile|still|yet|so|moreover|furthermore|in addition|instead|then|thus|therefore|
    nevertheless|nonetheless|besides|otherwise|or|plus|additionally|as a result|even so|on the other hand|
    at the same time|after that|in contrast|likewise|similarly|consequently|hence|accordingly|indeed`,
  de: `aber|jedoch|und|auch|außerdem|zudem|dennoch|trotzdem|so|dann|deshalb|daher|allerdings|doch|sondern|ebenfalls|
    stattdessen|darüber hinaus|danach|darauf|somit|also|inzwischen|unterdessen|ferner|überdies`,
  fr: `mais|cependant|toutefois|et|aussi|pourtant|donc|ensuite|puis|par ailleurs|en outre|de plus|néanmoins|or|ainsi|
    alors|en revanche|pour autant|d'ailleurs`,
  es: `pero|sin embargo|y|también|además|entonces|luego|así|aun así|mientras tanto|no obstante|por eso|por lo tanto|
    asimismo|incluso`,
  it: `ma|però|tuttavia|e|anche|inoltre|quindi|poi|allora|intanto|invece|comunque|in più|pertanto|dunque|nel frattempo`,
  nl: `maar|echter|en|ook|bovendien|daarnaast|toch|dus|dan|verder|intussen|ondertussen|zo|daarom|desondanks`,
  pt: `mas|porém|contudo|entretanto|e|também|além disso|então|depois|assim|ainda|no entanto|todavia|portanto`,
};

// The connectives that qualify or reverse what came before: a sentence cut before one says more
// than its source ("…supports Trump, but “not blindly”" is not "…supports Trump").
const CONTRASTS: Readonly<Record<string, string>> = {
  en: `but|however|yet|still|nevertheless|nonetheless|instead|even so|on the other hand|in contrast|though|although`,
  de: `aber|jedoch|dennoch|trotzdem|allerdings|doch|sondern|obwohl`,
  fr: `mais|cependant|toutefois|pourtant|néanmoins|en revanche|pour autant|bien que|quoique`,
  es: `pero|sin embargo|aun así|no obstante|aunque|sino`,
  it: `ma|però|tuttavia|invece|comunque|anche se|sebbene`,
  nl: `maar|echter|toch|desondanks|hoewel`,
  pt: `mas|porém|contudo|entretanto|no entanto|todavia|embora`,
};

// "According to these sources", "Citing the same official": the source itself was named earlier.
const ANAPHORIC_SOURCE =
  /^(?:according to|citing|as reported by|quoting)\s+(?:these|those|this|that|the same|such|him|her|them|his|their)\b/iu;

const phrases = (lists: Readonly<Record<string, string>>): ReadonlyMap<string, readonly string[]> =>
  new Map(
    Object.entries(lists).map(([lang, list]) => [
      lang,
      list
        .split('|')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    ]),
  );
const PHRASES = phrases(DANGLING);
const CONNECTIVE_PHRASES = phrases(CONNECTIVES);
const CONTRAST_PHRASES = phrases(CONTRASTS);

/** Characters an opening is read from: longer than any opener with the quotes and dashes before it. */
const OPENING_CHARS = 80;

/** The sentence's opening words, lower-cased, with leading quotes, brackets and dashes removed. */
export function openingOf(sentence: string): string {
  // Only the opening is read: asked at every comma of a long text, the whole rest would be copied.
  return sentence
    .slice(0, OPENING_CHARS)
    .replace(/^[\s"'“‘«„([—–-]+/u, '')
    .replace(/’/gu, "'")
    .toLowerCase();
}

/** True when the sentence opens with a pronoun or connective that needs the sentence before it. */
export function isDangling(sentence: string, language = 'en'): boolean {
  const opening = openingOf(sentence);
  if (ANAPHORIC_SOURCE.test(opening)) return true;
  return opensWith(opening, PHRASES, language);
}

/**
 * True when the sentence opens with a connective ("But", "However", "Aber"): it needs the sentence
 * before it, where a sentence that opens with a pronoun needs only its referent, which a headline
 * can give.
 */
export function opensWithConnective(sentence: string, language = 'en'): boolean {
  return opensWith(openingOf(sentence), CONNECTIVE_PHRASES, language);
}

/** True when the text opens with a connective that qualifies what came before ("but", "aber"). */
export function opensWithContrast(text: string, language = 'en'): boolean {
  return opensWith(openingOf(text), CONTRAST_PHRASES, language);
}

/**
 * The sentence without the connective it opens with, capitalised ("But there's a warning …" →
 * "There's a warning …"); the sentence itself when it opens with none.
 */
export function withoutConnective(sentence: string, language = 'en'): string {
  const lists = language === 'en' ? [CONNECTIVE_PHRASES.get('en')] : [CONNECTIVE_PHRASES.get(language)];
  const lower = sentence.replace(/’/gu, "'").toLowerCase();
  for (const phrase of lists.flatMap((list) => list ?? [])) {
    if (!lower.startsWith(phrase) || /^[\p{L}\p{N}'-]/u.test(lower.slice(phrase.length))) continue;
    const rest = sentence.slice(phrase.length).replace(/^[\s,;:]+/u, '');
    return rest === '' ? sentence : `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
  }
  return sentence;
}

function opensWith(
  opening: string,
  table: ReadonlyMap<string, readonly string[]>,
  language: string,
): boolean {
  const lists = language === 'en' ? [table.get('en')] : [table.get(language), table.get('en')];
  for (const list of lists) {
    for (const phrase of list ?? []) {
      // An apostrophe may follow: "it's" and "they're" dangle as much as "it" and "they".
      if (opening.startsWith(phrase) && !/^[\p{L}\p{N}-]/u.test(opening.slice(phrase.length))) return true;
    }
  }
  return false;
}

// Reporting verbs and source phrases across the supported languages.
const ATTRIBUTION_PHRASES = `said|says|told|tells|according to|reported|reports|announced|stated|claimed|claims|alleged|
  confirmed|denied|citing|cited|quoted|quoting|source|sources|spokesman|spokeswoman|spokesperson|statement|
  tweeted|wrote|added|explained|insisted|warned|testified|estimated|asked|asks|replied|wondered|
  sagte|sagt|erklärte|berichtete|laut|zufolge|nach angaben|quellen|sprecher|sprecherin|
  a déclaré|a dit|a affirmé|selon|d'après|a annoncé|a indiqué|a précisé|porte-parole|a expliqué|
  dijo|afirmó|declaró|según|aseguró|explicó|anunció|informó|indicó|fuentes|portavoz|señaló|
  ha detto|ha dichiarato|secondo|ha affermato|ha spiegato|ha annunciato|fonti|portavoce|
  zei|zegt|volgens|verklaarde|meldde|liet weten|bronnen|woordvoerder|
  disse|afirmou|declarou|segundo|de acordo com|informou|anunciou|fontes|porta-voz`;

// JavaScript's \b only knows ASCII letters, so word edges are spelled out for "selon" and "según" alike.
const ATTRIBUTION = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ATTRIBUTION_PHRASES.split('|')
    .map((phrase) => phrase.trim())
    .join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);

/** True when the sentence names who says what it says ("officials said", "according to ..."). */
export function isAttributed(sentence: string): boolean {
  return ATTRIBUTION.test(sentence.replace(/’/gu, "'"));
}

// Sources without a name: the claims resting on them must never lose the attribution.
const UNNAMED_SOURCE = new RegExp(
  `(?<![\\p{L}])(?:${[
    'sources?',
    'insiders?',
    'unnamed',
    'anonymous',
    'anonymity',
    'unidentified',
    'familiar with',
    'reportedly',
    'allegedly',
    'officials',
    'diplomats',
    'quellen',
    'kreisen',
    'fuentes',
    'fonti',
    'bronnen',
    'fontes',
    'anonym\\p{L}*',
  ].join('|')})(?![\\p{L}])`,
  'iu',
);

/** True when the sentence attributes what it says to sources it does not name ("diplomatic sources told ..."). */
export function citesUnnamedSource(sentence: string): boolean {
  // The short list first: most sentences name no such source, and then the long one is not searched.
  return UNNAMED_SOURCE.test(sentence) && isAttributed(sentence);
}
