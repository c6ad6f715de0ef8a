import { describe, expect, it } from 'vitest';
import { isBoilerplate, withoutChannelFooter } from '../../src/condense/boilerplate.js';
import { isCutOff, withoutCutOff } from '../../src/condense/snippets.js';
import { summarize } from '../../src/condense/summarize.js';

// Feed descriptions in the shapes real outlets send: one or two sentences under a headline.
describe('summaries of feed descriptions', () => {
  it('takes a sentence that opens with a pronoun when the headline names its subject', () => {
    const item = {
      title: 'Harbour board announces closure of the northern quay',
      text: 'It is the second closure this year, after cranes collapsed in a storm in March.',
    };
    expect(summarize(item).text).toBe(item.text);
    // Without a headline the pronoun stands for nothing, and nothing is said.
    expect(summarize({ title: null, text: item.text }).text).toBe('');
  });

  it('leaves out a connective that joins the description to nothing', () => {
    const summary = summarize({
      title: 'Ferry operators relieved as harbour reopens',
      text: "But there's a warning the reopening won't end the backlog of cargo for weeks.",
    });
    expect(summary.text).toBe("There's a warning the reopening won't end the backlog of cargo for weeks.");
  });

  it('drops a sentence the publisher cut off, or cuts it cleanly when it is the only one', () => {
    const two =
      'Harbour workers were evacuated after a fire broke out on a cargo ship this afternoon. A spokesman for the port authority, Colonel Donald Jones, confirmed ...';
    expect(summarize({ title: 'Fire on cargo ship', text: two }).text).toBe(
      'Harbour workers were evacuated after a fire broke out on a cargo ship this afternoon.',
    );
    const one = summarize({
      title: 'Fire on cargo ship',
      text: 'Harbour workers were evacuated after a fire broke out on a cargo ship, and a spokesman for the port authority confirmed ...',
    });
    expect(one.text).toBe('Harbour workers were evacuated after a fire broke out on a cargo ship…');
    expect(isCutOff('The minister said the plan would [...]')).toBe(true);
    expect(isCutOff('The minister resigned.')).toBe(false);
    expect(withoutCutOff(['One whole sentence here.'], 400)).toEqual(['One whole sentence here.']);
  });

  it('cuts a lone cut-off sentence before a participle, and drops one with no whole clause', () => {
    const citing = summarize({
      title: 'England pull out of Pakistan tour',
      text: "England have withdrawn their men's and women's teams from next month's tour of Pakistan, citing 'increasing concerns' about...",
    });
    expect(citing.text).toBe(
      "England have withdrawn their men's and women's teams from next month's tour of Pakistan…",
    );
    const nouns = summarize({
      title: 'Fund for families announced',
      text: 'Ministers said the new fund would pay for school buildings, clothing, bedding and food for families in...',
    });
    expect(nouns.text).not.toBe('Ministers said the new fund would pay for school buildings, clothing…');
    const none = summarize({
      title: 'UN warns of famine',
      text: 'The head of the UN food agency warned on Tuesday that...',
    });
    expect(none.text).toBe('');
  });

  it('removes video credits and a channel footer', () => {
    const text =
      'The harbour board has approved a plan to rebuild the northern quay. It needs the council to borrow $80m. Harbour TV’s Mara Quill reports from Port Selwyn. - Subscribe to our channel: http://harbour.fake/subscribe - Follow us on Twitter: https://twitter.fake/harbourtv #PortSelwyn #Harbour';
    const summary = summarize({ title: 'Harbour board approves quay rebuild', text });
    expect(summary.text).toBe(
      'The harbour board has approved a plan to rebuild the northern quay. It needs the council to borrow $80m.',
    );
    expect(isBoilerplate('Fox News’ Jessica Napoli contributed to this report.')).toBe(true);
    expect(isBoilerplate('1 NEWS’ Barbara Dreaver with the latest news from around the Pacific.')).toBe(true);
    expect(isBoilerplate('Subscribe to our YouTube channel for updates about the storm.')).toBe(true);
    expect(isBoilerplate('Follow-up tests confirmed the outbreak had been contained.')).toBe(false);
    expect(
      withoutChannelFooter('The quay reopens on Friday. #Harbour #Storm Subscribe! https://harbour.fake'),
    ).toBe('The quay reopens on Friday.');
    // Hashtags inside a story, with no links after them, stay.
    expect(withoutChannelFooter('Protesters chanted #FreeTheQuay #NoCranes outside the board.')).toBe(
      'Protesters chanted #FreeTheQuay #NoCranes outside the board.',
    );
  });

  it('keeps a columnist’s lead-in without its label', () => {
    const summary = summarize({
      title: 'Why the harbour board is wrong about the quay',
      text: 'MARA QUILL: The harbour board took the unusual step of publicly rejecting its own engineers. So what went wrong?',
    });
    expect(summary.text).toBe(
      'The harbour board took the unusual step of publicly rejecting its own engineers.',
    );
  });
});
