/** Abbreviations that end in a full stop without ending a sentence, lower-cased and without the final dot. */

const set = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/u).filter((w) => w !== ''));

/** Titles and honorifics: always followed by a name, so never the end of a sentence. */
export const PREFIX_ABBREVIATIONS = set(`
  mr mrs ms mssrs messrs dr drs prof st ste gen gov sen rep reps pres supt det insp cllr capt cmdr col lt
  sgt maj adm brig cpl pvt spc rev msgr hon rt mt fr hr hrn atty asst dist dipl ing mme mlle mmes sr sra
  srta srs dra dña sto sta
  sig sigg dott dott.ssa avv arch geom pe pfr fam dhr mevr
`);

/** Never end a sentence: they announce what follows. */
export const INFIX_ABBREVIATIONS = set(`
  e.g i.e vs v cf viz z.b d.h bzw sog ggf vgl p.ej p.e ex c.-à-d c.à.d d.w.z o.a m.a.w bijv resp
`);

/** Usually mid-sentence, but can close one: they end it only when a sentence opener follows. */
export const SUFFIX_ABBREVIATIONS = set(`
  inc ltd co corp bros jr plc pty llc gmbh ag etc approx ca al dept est govt intl univ assn assoc
  a.m p.m u.a usw ua ff mio mrd ft tel fig vol eds pp ch sec min max avg incl excl ref
  jan feb mar apr jun jul aug sep sept oct nov dec janv févr avr juil déc okt dez jän ene dic
  ee uu ee.uu
`);

/** Only an abbreviation before a number: "No. 5", "Nr. 12", "Art. 3", "S. 14". */
export const NUMERAL_ABBREVIATIONS = set(`no nr nos art abs s p pp n núm num ziff`);

/** Month names that follow a German, Scandinavian or Polish ordinal ("am 3. Oktober"). */
export const ORDINAL_MONTHS = set(`
  januar jänner februar märz april mai juni juli august september oktober november dezember
  january february march may june july october december
  marts maj oktober januari februari mars juni augusti
  stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia
`);

/** Languages that write ordinal numbers with a trailing full stop. */
export const ORDINAL_DOT_LANGUAGES: ReadonlySet<string> = new Set(['de', 'da', 'no', 'pl', 'sv']);
