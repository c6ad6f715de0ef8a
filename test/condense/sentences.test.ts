import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/condense/sentences.js';

const cases: readonly { name: string; text: string; language?: string; expected: string[] }[] = [
  {
    name: 'titles and country abbreviations',
    text: 'Mr. Smith met Dr. Jones in the U.S. capital. Mrs. Lee and Prof. Brown were not there.',
    expected: ['Mr. Smith met Dr. Jones in the U.S. capital.', 'Mrs. Lee and Prof. Brown were not there.'],
  },
  {
    name: 'an abbreviation that ends the sentence',
    text: 'He moved to the U.S. The next year he returned to the U.K. for good.',
    expected: ['He moved to the U.S.', 'The next year he returned to the U.K. for good.'],
  },
  {
    name: 'company suffixes and et cetera',
    text: 'Apple Inc. sold phones, tablets, etc. and watches. Acme Corp. The firm denied it.',
    expected: ['Apple Inc. sold phones, tablets, etc. and watches.', 'Acme Corp.', 'The firm denied it.'],
  },
  {
    name: 'initials',
    text: 'Shares of J.P. Morgan rose. J. R. R. Tolkien wrote it. George W. Bush spoke.',
    expected: ['Shares of J.P. Morgan rose.', 'J. R. R. Tolkien wrote it.', 'George W. Bush spoke.'],
  },
  {
    name: 'decimals and numbered items',
    text: 'Growth was 3.5 percent in Jan. 2024, up from No. 2 last year. Prices rose 0.4%.',
    expected: ['Growth was 3.5 percent in Jan. 2024, up from No. 2 last year.', 'Prices rose 0.4%.'],
  },
  {
    name: 'latin abbreviations and vs.',
    text: 'Some cities, e.g. Paris, i.e. the capital, voted. It was Arsenal vs. Chelsea on Sunday.',
    expected: ['Some cities, e.g. Paris, i.e. the capital, voted.', 'It was Arsenal vs. Chelsea on Sunday.'],
  },
  {
    name: 'military and political titles',
    text: 'Gen. Milley met Sen. Warren and Gov. Newsom. Rep. Ocasio-Cortez joined St. Louis officials.',
    expected: [
      'Gen. Milley met Sen. Warren and Gov. Newsom.',
      'Rep. Ocasio-Cortez joined St. Louis officials.',
    ],
  },
  {
    name: 'a quotation that ends with a comma before the attribution',
    text: '"We will rebuild," the mayor said. "Nobody will be left behind." Aid arrived on Monday.',
    expected: [
      '"We will rebuild," the mayor said.',
      '"Nobody will be left behind."',
      'Aid arrived on Monday.',
    ],
  },
  {
    name: 'curly quotes closing after the full stop',
    text: 'She called it “a disgrace.” The minister resigned. “Go,” he said.',
    expected: ['She called it “a disgrace.”', 'The minister resigned.', '“Go,” he said.'],
  },
  {
    name: 'a quotation spanning several sentences stays whole',
    text: 'The witness said “they came at night. We ran.” Police are investigating.',
    expected: ['The witness said “they came at night. We ran.”', 'Police are investigating.'],
  },
  {
    name: 'question and exclamation marks inside quotes',
    text: '"Why now?" she asked. "Stop!" he shouted. It worked.',
    expected: ['"Why now?" she asked.', '"Stop!" he shouted.', 'It worked.'],
  },
  {
    name: 'a quoted question goes on with who asked it, capitalised name or not',
    text: '“Are you going to endorse him?” Fox News host Brian Kilmeade asked Ryan on his show. Ryan declined. “Is it over?” Nobody knows.',
    expected: [
      '“Are you going to endorse him?” Fox News host Brian Kilmeade asked Ryan on his show.',
      'Ryan declined.',
      '“Is it over?”',
      'Nobody knows.',
    ],
  },
  {
    name: 'ellipses',
    text: 'He paused... then went on. It was over… Nobody spoke.',
    expected: ['He paused... then went on.', 'It was over…', 'Nobody spoke.'],
  },
  {
    name: 'paragraph breaks and headings',
    text: 'Storm hits coast\n\nThe storm made landfall at dawn.\nThousands lost power\nOfficials urged calm.',
    expected: [
      'Storm hits coast',
      'The storm made landfall at dawn.',
      'Thousands lost power',
      'Officials urged calm.',
    ],
  },
  {
    name: 'a line that wraps mid-sentence',
    text: 'The council voted on the plan\nafter a long debate. It passed.',
    expected: ['The council voted on the plan after a long debate.', 'It passed.'],
  },
  {
    name: 'German abbreviations and ordinal dates',
    language: 'de',
    text: 'Am 3. Oktober feierte man z.B. in Berlin, d.h. in der Hauptstadt. Nr. 5 gewann. Das war neu.',
    expected: [
      'Am 3. Oktober feierte man z.B. in Berlin, d.h. in der Hauptstadt.',
      'Nr. 5 gewann.',
      'Das war neu.',
    ],
  },
  {
    name: 'German nouns inside a sentence, stopwords or not, start nothing',
    language: 'de',
    text: 'Zum Gipfel werden jedes Jahr mehr als 40 Staaten erwartet. Das Mal davor kamen weniger.',
    expected: ['Zum Gipfel werden jedes Jahr mehr als 40 Staaten erwartet.', 'Das Mal davor kamen weniger.'],
  },
  {
    name: 'titles of works and AP title abbreviations inside a sentence',
    text: 'HBO Max has removed Gone With the Wind from its catalogue. L.A. City Atty. Mike Feuer and Asst. Chief Ann Lee spoke.',
    expected: [
      'HBO Max has removed Gone With the Wind from its catalogue.',
      'L.A. City Atty. Mike Feuer and Asst. Chief Ann Lee spoke.',
    ],
  },
  {
    name: 'a quotation of several sentences in straight quotes stays whole when its quotes pair up',
    text: 'Duterte made a promise. "Help, do not deny. Just bill me, and I will pay," Duterte said. He left.\n\nA stray " mark. It ends.',
    expected: [
      'Duterte made a promise.',
      '"Help, do not deny. Just bill me, and I will pay," Duterte said.',
      'He left.',
      'A stray " mark.',
      'It ends.',
    ],
  },
  {
    name: 'French honorifics',
    language: 'fr',
    text: 'M. Macron a reçu Mme. Dupont. Le Premier ministre était absent.',
    expected: ['M. Macron a reçu Mme. Dupont.', 'Le Premier ministre était absent.'],
  },
  {
    name: 'Spanish honorifics and p.ej.',
    language: 'es',
    text: 'El Sr. García y la Sra. López hablaron de varios temas, p.ej. la economía. La reunión terminó tarde.',
    expected: [
      'El Sr. García y la Sra. López hablaron de varios temas, p.ej. la economía.',
      'La reunión terminó tarde.',
    ],
  },
  {
    name: 'a French quotation closed by a spaced guillemet',
    language: 'fr',
    text: 'M. Dupont a déclaré : « Nous ne céderons pas. » Le ministre a refusé. « Jamais ! » a-t-il ajouté.',
    expected: [
      'M. Dupont a déclaré : « Nous ne céderons pas. »',
      'Le ministre a refusé.',
      '« Jamais ! » a-t-il ajouté.',
    ],
  },
  {
    name: 'Spanish EE. UU.',
    language: 'es',
    text: 'La inflación fue del 3,2 % en EE. UU. durante el año. En EE.UU. La Dra. López discrepó.',
    expected: [
      'La inflación fue del 3,2 % en EE. UU. durante el año.',
      'En EE.UU.',
      'La Dra. López discrepó.',
    ],
  },
  {
    name: 'German ordinals before a noun, not before a function word or a name',
    language: 'de',
    text: 'Im 21. Jahrhundert wird alles anders. Er wurde 21. Dann zog er nach Berlin. Sie belegte Platz 2. Merkel gratulierte.',
    expected: [
      'Im 21. Jahrhundert wird alles anders.',
      'Er wurde 21.',
      'Dann zog er nach Berlin.',
      'Sie belegte Platz 2.',
      'Merkel gratulierte.',
    ],
  },
  {
    name: 'Japanese full-width stops, with no space after them',
    language: 'ja',
    text: '政府は新しい計画を発表した。専門家は「遅すぎる」と述べた！本当にそうか？',
    expected: ['政府は新しい計画を発表した。', '専門家は「遅すぎる」と述べた！', '本当にそうか？'],
  },
  {
    name: 'Chinese, a quotation closed after its stop',
    language: 'zh',
    text: '他说：“我们不会让步。”会议随后结束。',
    expected: ['他说：“我们不会让步。”', '会议随后结束。'],
  },
  {
    name: 'an Arabic question mark',
    language: 'ar',
    text: 'هل ينجح الاتفاق؟ قال الوزير إن المحادثات مستمرة.',
    expected: ['هل ينجح الاتفاق؟', 'قال الوزير إن المحادثات مستمرة.'],
  },
  {
    name: 'the stops of Hindi, Khmer, Burmese and Amharic',
    language: 'hi',
    text: 'सरकार ने नई योजना की घोषणा की। विशेषज्ञों ने इसे देर से उठाया कदम बताया।',
    expected: ['सरकार ने नई योजना की घोषणा की।', 'विशेषज्ञों ने इसे देर से उठाया कदम बताया।'],
  },
  {
    name: 'a Khmer stop with no space after it',
    language: 'km',
    text: 'រដ្ឋាភិបាលបានប្រកាសវិធានការថ្មី។ អ្នកជំនាញថាវាយឺតពេល។',
    expected: ['រដ្ឋាភិបាលបានប្រកាសវិធានការថ្មី។', 'អ្នកជំនាញថាវាយឺតពេល។'],
  },
  {
    name: 'an Urdu stop that writes a decimal or an acronym, and one that ends a sentence',
    language: 'ur',
    text: 'پی۔ٹی۔آئی نے کہا کہ شرح 2۔5 فیصد ہو گئی۔ حکومت نے بیان دیا۔',
    expected: ['پی۔ٹی۔آئی نے کہا کہ شرح 2۔5 فیصد ہو گئی۔', 'حکومت نے بیان دیا۔'],
  },
  {
    name: 'an Armenian stop in a time',
    language: 'hy',
    text: 'Նիստը կսկսվի ժամը 10։30-ին Երևանում։ Այն հրապարակային է։',
    expected: ['Նիստը կսկսվի ժամը 10։30-ին Երևանում։', 'Այն հրապարակային է։'],
  },
  {
    name: 'a Hindi abbreviation of one syllable, its vowel sign a mark',
    language: 'hi',
    text: 'डॉ. मनमोहन सिंह ने कहा। बैठक खत्म हुई।',
    expected: ['डॉ. मनमोहन सिंह ने कहा।', 'बैठक खत्म हुई।'],
  },
  {
    name: 'a straight quotation mark closing after a Hindi stop',
    language: 'hi',
    text: 'उसने कहा "मैं कल जाऊँगा।" फिर वह चला गया। तीसरा वाक्य है।',
    expected: ['उसने कहा "मैं कल जाऊँगा।"', 'फिर वह चला गया।', 'तीसरा वाक्य है।'],
  },
  {
    name: 'Burmese and Amharic stops',
    language: 'my',
    text: 'အစိုးရက ကြေညာခဲ့သည်။ ပညာရှင်များက ဝေဖန်ခဲ့ကြသည်။ መንግስት አዲስ እቅድ አወጣ። ባለሙያዎች ተቹ።',
    expected: ['အစိုးရက ကြေညာခဲ့သည်။', 'ပညာရှင်များက ဝေဖန်ခဲ့ကြသည်။', 'መንግስት አዲስ እቅድ አወጣ።', 'ባለሙያዎች ተቹ።'],
  },
];

describe('splitSentences', () => {
  for (const c of cases) {
    it(`handles ${c.name}`, () => {
      expect(splitSentences(c.text, c.language)).toEqual(c.expected);
    });
  }

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n\n ')).toEqual([]);
  });

  it('keeps a text without terminal punctuation whole', () => {
    expect(splitSentences('Breaking news from the capital')).toEqual(['Breaking news from the capital']);
  });
});
