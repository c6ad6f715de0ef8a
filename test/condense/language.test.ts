import { describe, expect, it } from 'vitest';
import { detectLanguage, feedLanguageOf } from '../../src/condense/language.js';

const samples: readonly [string, string][] = [
  ['en', 'The government said on Tuesday that it would raise taxes for the first time in a decade.'],
  [
    'de',
    'Die Regierung hat am Dienstag angekündigt, dass sie die Steuern zum ersten Mal seit zehn Jahren erhöhen wird.',
  ],
  [
    'fr',
    'Le gouvernement a annoncé mardi qu’il allait augmenter les impôts pour la première fois depuis dix ans.',
  ],
  ['es', 'El gobierno anunció el martes que subirá los impuestos por primera vez en una década.'],
  ['it', 'Il governo ha annunciato martedì che aumenterà le tasse per la prima volta in dieci anni.'],
  [
    'nl',
    'De regering heeft dinsdag aangekondigd dat zij de belastingen voor het eerst in tien jaar zal verhogen.',
  ],
  ['pt', 'O governo anunciou na terça-feira que vai aumentar os impostos pela primeira vez em uma década.'],
  [
    'sv',
    'Regeringen meddelade på tisdagen att den för första gången på tio år ska höja skatterna och att det blir dyrare.',
  ],
  [
    'da',
    'Regeringen meddelte tirsdag, at den for første gang i ti år vil hæve skatterne, og at det bliver dyrere.',
  ],
  [
    'no',
    'Regjeringen sa tirsdag at den for første gang på ti år vil øke skattene, og at det blir dyrere for alle.',
  ],
  [
    'pl',
    'Rząd ogłosił we wtorek, że po raz pierwszy od dziesięciu lat podniesie podatki, które są już wysokie.',
  ],
];

describe('detectLanguage', () => {
  it.each(samples)('recognises %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('falls back to English when there is too little to go on', () => {
    expect(detectLanguage('')).toBe('en');
    expect(detectLanguage('Volkswagen ID.4')).toBe('en');
    expect(detectLanguage('12:30 — 3-1')).toBe('en');
  });

  it('names a script ELD does not know by the one language written in it, not the fallback', () => {
    expect(detectLanguage('រដ្ឋាភិបាលកម្ពុជា បានប្រកាសវិធានការថ្មី កាលពីថ្ងៃច័ន្ទ')).toBe('km');
    expect(detectLanguage('မြန်မာ အစိုးရ က ယနေ့ ကြေညာ ခဲ့ သည်', 'en')).toBe('my');
    expect(detectLanguage('ශ්‍රී ලංකා රජය අද නව නීතියක් ප්‍රකාශ කළේය')).toBe('si');
    // A name in such a script inside an English sentence leaves it English.
    expect(
      detectLanguage('Cambodia’s new prime minister, written ហ៊ុន ម៉ាណែត, met officials in Phnom Penh today'),
    ).toBe('en');
    // Another language of the script, when the feed names it: Dzongkha in Tibetan letters.
    expect(detectLanguage('འབྲུག་རྒྱལ་ཁབ་ཀྱི་རྒྱལ་པོ་མཆོག་གིས་', 'dz')).toBe('dz');
    expect(detectLanguage('འབྲུག་རྒྱལ་ཁབ་ཀྱི་རྒྱལ་པོ་མཆོག་གིས་', 'en')).toBe('bo');
    // Emoji are no letters: the feed's language stands.
    expect(detectLanguage('🔥🔥🔥 🎉🎉 😂😂😂', 'de')).toBe('de');
  });
});

describe("an item's language beside its feed's", () => {
  // ELD scores this headline Tagalog 0.658, English 0.653.
  const nearTie = "NASA's Cassini probe sends back images of Titan";

  it("settles a near tie in the feed's language, and only a near tie", () => {
    expect(detectLanguage(nearTie)).toBe('tl');
    expect(detectLanguage(nearTie, 'en')).toBe('en');
    expect(detectLanguage('Ang bagong batas ay pinirmahan ng pangulo kahapon', 'en')).toBe('tl');
    expect(detectLanguage(samples[1]?.[1] ?? '', 'en')).toBe('de');
  });

  it("reads a text that says too little in the feed's language", () => {
    expect(detectLanguage('Volkswagen ID.4', 'de')).toBe('de');
    expect(detectLanguage('', 'fr')).toBe('fr');
  });

  it('ignores a feed language that is not a two-letter code', () => {
    expect(detectLanguage('', 'klingon')).toBe('en');
    expect(detectLanguage(nearTie, '')).toBe('tl');
  });

  const items = (texts: readonly string[]) => texts.map((text) => ({ title: null, text }));
  const en = samples[0]?.[1] ?? '';
  const de = samples[1]?.[1] ?? '';

  it('names the language most of a document is in', () => {
    expect(feedLanguageOf(items([en, en, en, en, de]))).toBe('en');
    expect(
      feedLanguageOf([{ title: 'Regierung erhöht Steuern', text: de }, ...items([de, de, de, en])]),
    ).toBe('de');
  });

  it('names none for a document too short or too mixed to say', () => {
    expect(feedLanguageOf(items([en, en, en, en]))).toBeNull();
    expect(feedLanguageOf(items([en, en, en, de, de, de]))).toBeNull();
    expect(feedLanguageOf([])).toBeNull();
  });
});
