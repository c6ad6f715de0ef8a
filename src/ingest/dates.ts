/** Earliest publication time believed: nothing Gazette polls was published before the web. */
const EARLIEST = Date.UTC(1990, 0, 1);

/** Clock skew and time-zone mistakes tolerated before a future date is called absurd. */
const MAX_AHEAD_MS = 2 * 24 * 60 * 60 * 1000;

// Zone abbreviations feeds write that Date.parse does not know (it knows UT, GMT, Z and the US ones).
const ZONES: Readonly<Record<string, string>> = {
  UTC: '+0000',
  WET: '+0000',
  BST: '+0100',
  IST: '+0530',
  CET: '+0100',
  MET: '+0100',
  CEST: '+0200',
  MEST: '+0200',
  EET: '+0200',
  EEST: '+0300',
  MSK: '+0300',
  JST: '+0900',
  KST: '+0900',
  HKT: '+0800',
  SGT: '+0800',
  AEST: '+1000',
  AEDT: '+1100',
  NZST: '+1200',
  NZDT: '+1300',
};

/**
 * Month names of the catalog's other languages (and Italian), as feeds write them in RFC 822 dates
 * ("Seg, 24 Set 2018"), to the English ones Date.parse reads. Accents are folded before lookup.
 */
const MONTHS: ReadonlyMap<string, string> = new Map(
  (
    [
      ['Jan', 'janeiro enero janvier januar gennaio janv ene gen jan'],
      ['Feb', 'fevereiro febrero fevrier februar febbraio fevr fev feb'],
      ['Mar', 'marco marzo mars marz mrz mar'],
      ['Apr', 'abril avril aprile abr avr apr'],
      ['May', 'maio mayo mai maggio mag'],
      ['Jun', 'junho junio juin juni giugno giu'],
      ['Jul', 'julho julio juillet juli luglio juil lug'],
      ['Aug', 'agosto aout ago'],
      ['Sep', 'setembro septiembre septembre settembre sept set'],
      ['Oct', 'outubro octubre octobre oktober ottobre out okt ott'],
      ['Nov', 'novembro noviembre novembre november'],
      ['Dec', 'dezembro diciembre decembre dezember dicembre dez dic'],
    ] as const
  ).flatMap(([english, names]) => names.split(' ').map((name) => [name, english] as const)),
);

/** "déc." folds to an English month's first letters: it is read as that month. */
const ENGLISH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function tryParse(text: string): number | null {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Rewrites the common ways feeds misspell dates into something Date.parse reads. */
function repaired(raw: string): string {
  return (
    raw
      .replace(/\s+/g, ' ')
      // ISO date and time split by a space, or the zone set off by one
      .replace(/^(\d{4}-\d\d-\d\d) ?T? ?(\d\d:\d\d)/, '$1T$2')
      .replace(/(\d\d:\d\d(?::\d\d(?:\.\d+)?)?) (Z|[+-]\d\d:?\d\d)$/, '$1$2')
      // a parenthesised zone name after a numeric offset: "+0100 (CET)"
      .replace(/([+-]\d{4}) ?\([^)]*\)$/, '$1')
      // weekday names that are misspelt, localised or followed by a stray dot
      .replace(/^[^\d,]{2,12}, ?/, '')
      .replace(/\b([A-Z]{3,4})$/, (zone: string) => ZONES[zone] ?? zone)
      // a month named in another language between the day and the year: "24 Set 2018", "3 déc. 2018"
      .replace(
        /^(\d{1,2})\.? (\p{L}{3,10})\.? (\d{4})/u,
        (whole, day: string, month: string, year: string) => {
          const folded = fold(month);
          const english = MONTHS.get(folded) ?? ENGLISH.find((m) => folded.startsWith(m.toLowerCase()));
          return english === undefined ? whole : `${day} ${english} ${year}`;
        },
      )
  );
}

/** Date.parse reads a time without a zone as local time; a feed means UTC far more often than the server's zone. */
function inUtcWhenZoneless(text: string): string {
  if (!/[\sT]\d\d?:\d\d(?::\d\d(?:\.\d+)?)?$/.test(text)) return text;
  return /^\d{4}-\d\d-\d\dT/.test(text) ? `${text}Z` : `${text} GMT`;
}

/**
 * Epoch milliseconds of a feed date, or null when it is missing, unreadable, before 1990, or more
 * than two days after `now`.
 */
export function parseFeedDate(raw: string | null, now: number): number | null {
  if (raw === null) return null;
  const text = raw.trim();
  if (text === '' || text.length > 100) return null;
  // A year written "0000" or "0019": JavaScript's date parser reads it as 2000 or 2019.
  if (/(?<![\d+-])00\d\d(?![\d:])/u.test(text)) return null;
  const ms = tryParse(inUtcWhenZoneless(text)) ?? tryParse(inUtcWhenZoneless(repaired(text)));
  if (ms === null || ms < EARLIEST || ms > now + MAX_AHEAD_MS) return null;
  return ms;
}
