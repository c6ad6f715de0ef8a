import { describe, expect, it } from 'vitest';
import {
  isBoilerplate,
  stripBoilerplate,
  stripDateline,
  withoutCredit,
} from '../../src/condense/boilerplate.js';

const junk = [
  'Please enter your comment!',
  'Please enter your name here',
  'Leave a reply',
  'Leave a Comment',
  'You must be logged in to post a comment.',
  'Your email address will not be published. Required fields are marked *',
  'Share this article',
  'Share on Facebook',
  'Facebook Twitter Email',
  'Share | Tweet | Email',
  'Sign up for our newsletter',
  'Subscribe to our daily newsletter to get the latest headlines',
  'Follow us on Twitter @gazette',
  'Read more: Why the vote matters',
  'Read More',
  'Related: Five things to know about the strike',
  'Related Articles:',
  'Click here to watch the video',
  'Scroll down for video',
  'We use cookies to improve your experience on our site.',
  'This website uses cookies.',
  '© 2024 Gazette Media. All rights reserved.',
  'Copyright 2023 The Daily Planet',
  'All Rights Reserved',
  'Photo: Jane Doe/Reuters',
  'Image copyright Getty Images',
  '(Getty Images)',
  'The minister at the summit on Monday (Getty Images)',
  'Photograph by John Smith',
  'By Jane Doe',
  'By Jane Doe and John Roe, BBC News',
  'Story by Jane Doe • 2h ago.',
  'Written by Jane Doe | 3 min read',
  'By Jane Doe · 15 mins ago',
  'Por Matt Spetalnick e Jason Szep',
  'Leia mais (09/24/2018 - 19h22)',
  'Lire la suite',
  'Par Jean Dupont et Marie Curie',
  'submitted by /u/noxitbyt [link] [comments]',
  'submitted by /u/reader to r/worldnews [link] [comments]',
  'submitted bybenjaab123tospace [link][959 comments]',
  '[link] [comments]',
  'Use code GRUBER for 10% off your first order.',
  'Use code atp100 for $100 off your first year.',
  '— @hodlhodl',
  'Published 12:00 EST, 1 April 2015 | Updated 13:20 EST, 1 April 2015',
  'Last updated on March 3, 2024 at 10:30 GMT',
  'Posted by Jane Doe on 3 May 2023',
  'March 3, 2024',
  'Tuesday 12 March 2024 09:15',
  '2024-03-12T09:15:00Z',
  'https://example.com/news/2024/03/story',
  'www.example.com',
  'Advertisement',
  '12 Comments',
  'Learn more about your ad choices.',
  '#FoxNews Subscribe to Fox News!',
  'See omnystudio.com/listener for privacy information.',
  'Find out more at megaphone.fm/adchoices',
  'Find us on Facebook for the latest football, cricket, tennis and Premier League highlights.',
  'Like us on Facebook and follow us on Instagram.',
  'Hosted on Acast.',
];

const news = [
  'Story by story, the panel rebuilt what happened that night.',
  'Written by hand, the letter reached the court on Monday.',
  'The central bank raised interest rates by a quarter point on Thursday.',
  'By Tuesday, officials had evacuated more than 4,000 residents from the valley.',
  'By 2030, the city plans to run all buses on electricity.',
  'Published in 2019, the report found that crime had fallen by a third.',
  'Updated figures released on Friday show unemployment fell to 4.1%.',
  'Copyright lawyers say the ruling could reshape the music industry.',
  'Related charges were filed against three other executives.',
  'Share prices fell 3% after the announcement.',
  'Follow-up tests confirmed the outbreak had been contained.',
  'Photos taken by residents show the bridge collapsing into the river.',
  'The company said its app would stop using tracking cookies by next year.',
  'Readers who follow us on the campaign trail know how close the race is.',
  'Comments made by the senator drew criticism from both parties.',
  'Western diplomatic sources told Iran International that talks had begun.',
  'Reuters reported that the deal was worth $2 billion.',
  'Click-through rates for online ads rose sharply, the survey found.',
  'Por fin llega la lluvia a Madrid tras meses de sequía.',
  'Di Maio said he would resign as foreign minister.',
  'Submitted by hand, the petition had 40,000 signatures.',
  'Check your tickets, the lottery operator said, after a winning ticket went unclaimed.',
  'Try listening to your body to recognize when hunger tapers off.',
  'See the full list of winners below.',
  '#MeToo activists marched in the capital on Sunday.',
  'Learn more about the mission, the agency urged visitors to its site.',
  'With code names for every unit, the army hid its plans, one officer said, free of any leaks.',
  'Enter code review: engineers now check every change, and bugs fell by a third.',
  'Hosted by the city for the first time, the games drew record crowds.',
  'Visitors find us on the map by the old harbour, the museum director said.',
];

describe('isBoilerplate', () => {
  for (const line of junk) {
    it(`drops "${line}"`, () => {
      expect(isBoilerplate(line)).toBe(true);
    });
  }
  for (const sentence of news) {
    it(`keeps "${sentence}"`, () => {
      expect(isBoilerplate(sentence)).toBe(false);
    });
  }
  it('keeps long prose even when it mentions cookies and rights', () => {
    const long = 'The court heard that the publisher reserved all rights to the archive. '.repeat(5);
    expect(isBoilerplate(long)).toBe(false);
  });
});

describe('stripBoilerplate', () => {
  it('removes comment forms, bylines and share prompts but keeps the article', () => {
    const text = [
      'By Jane Doe',
      'Published 09:00 GMT, 3 March 2024',
      '',
      'The river burst its banks overnight. Share this article',
      '',
      'Hundreds of homes were flooded, the council said.',
      '',
      'Please enter your comment!',
      'Please enter your name here',
    ].join('\n');
    expect(stripBoilerplate(text)).toBe(
      'The river burst its banks overnight.\n\nHundreds of homes were flooded, the council said.',
    );
  });

  it('removes inline "Scroll down for video" prompts', () => {
    expect(stripBoilerplate('The fire spread fast. Scroll down for video Crews arrived at dawn.')).toBe(
      'The fire spread fast. Crews arrived at dawn.',
    );
  });

  it('leaves the word "Advertisement" inside prose alone', () => {
    const text = 'Advertisement Standards Authority officials upheld the complaint.';
    expect(stripBoilerplate(text)).toBe(text);
  });

  it("strips a page's dateline where furniture comes before its first paragraph, and no later one", () => {
    const page = [
      'BREAKING NEWS',
      'Image 1 of / 13',
      'WASHINGTON (AP) — New uncertainty hangs over the primary.',
      'NEW YORK - Stocks rose, the report said.',
    ].join('\n\n');
    expect(stripBoilerplate(page)).toBe(
      'BREAKING NEWS\n\nImage 1 of / 13\n\nNew uncertainty hangs over the primary.\n\nNEW YORK - Stocks rose, the report said.',
    );
  });

  it.each([
    'Here is what we know so far:\n\nStill, Biden — who has long resisted, spoke.',
    'Vote now 🗳️\n\nStill, Biden — who has long resisted, spoke.',
    'बैठक मंगलवार को हुई।\n\nUSA AND EU - China trade talks resumed on Monday.',
  ])('keeps prose after a first line that is no dateline: %j', (page) => {
    expect(stripBoilerplate(page)).toBe(page);
  });

  it('returns the empty string for a page of nothing but junk', () => {
    expect(stripBoilerplate('Share this article\nLeave a reply\n© 2024 Example')).toBe('');
  });
});

describe('stripDateline', () => {
  it.each([
    ['(CNN)They may be close to finding life.', 'They may be close to finding life.'],
    ['Hong Kong (CNN Business)A muddled view weighs on investors.', 'A muddled view weighs on investors.'],
    ['LONDON (CNN Business) — Shares fell.', 'Shares fell.'],
    ['Joe Biden (AP Photo) waves to supporters.', 'Joe Biden (AP Photo) waves to supporters.'],
    ['LONDON (Reuters) - Shares fell on Monday.', 'Shares fell on Monday.'],
    [
      'New Delhi, India (CNN)As the earth shook, tremors were felt.',
      'As the earth shook, tremors were felt.',
    ],
    ['WASHINGTON — The Senate voted on Tuesday.', 'The Senate voted on Tuesday.'],
    ['The Senate voted on Tuesday.', 'The Senate voted on Tuesday.'],
    ['The report by the agency (AP) was wrong.', 'The report by the agency (AP) was wrong.'],
    ['SINGAPORE - Students will return to school.', 'Students will return to school.'],
    ['US - China talks resume on Monday.', 'US - China talks resume on Monday.'],
    ['NATO - Russia talks resume on Monday.', 'NATO - Russia talks resume on Monday.'],
    ['NEW YORK - Stocks rose.', 'Stocks rose.'],
    ['June 10, 2020 4:42 PM SINGAPORE - Students will return to school.', 'Students will return to school.'],
    [
      'May 29, 2020 5:00 AM An overseas trading platform was blocked.',
      'An overseas trading platform was blocked.',
    ],
    ['10 June 2020, 16:42 | The minister said so.', 'The minister said so.'],
    ['June 10, 2020 was the hottest day of the year.', 'June 10, 2020 was the hottest day of the year.'],
    ['Dekalb, Ill. — Mike Glass threw for three touchdowns.', 'Mike Glass threw for three touchdowns.'],
    ['WASHINGTON, Sept 24 (Reuters) - The U.S. Senate voted.', 'The U.S. Senate voted.'],
    ['MOSCOU, 24 SET (ANSA) - O líder russo falou.', 'O líder russo falou.'],
    ['Nova York, 24 set (EFE).- O índice subiu.', 'O índice subiu.'],
    ['Quito, 24 Set 2018 (AFP) - O presidente falou.', 'O presidente falou.'],
    ['PARIS, 3 janv (AFP) - Le président a parlé.', 'Le président a parlé.'],
    [
      'The report by the agency on May 3 (AP) was wrong.',
      'The report by the agency on May 3 (AP) was wrong.',
    ],
    ['Austin, Texas – The city council voted.', 'The city council voted.'],
    ['Israel — Hamas talks resume on Monday.', 'Israel — Hamas talks resume on Monday.'],
    ['Smith — who led the team — resigned.', 'Smith — who led the team — resigned.'],
    ['Reuters - Short-sellers are seeing green again.', 'Short-sellers are seeing green again.'],
    ['AP - The Senate voted on Tuesday.', 'The Senate voted on Tuesday.'],
    ['washingtonpost.com - A new browser is out.', 'A new browser is out.'],
    ['Reuters reported that shares fell.', 'Reuters reported that shares fell.'],
    ['AP-style guides differ - the editors say.', 'AP-style guides differ - the editors say.'],
  ])('strips the dateline of %j', (input, expected) => {
    expect(stripDateline(input)).toBe(expected);
  });
});

describe('withoutCredit', () => {
  it.each([
    ['Stocks end higher (Reuters)', 'Stocks end higher'],
    ['New browser out (washingtonpost.com)', 'New browser out'],
    ['Talks resume (AFP) ', 'Talks resume'],
    ['Why the (AP) style guide matters', 'Why the (AP) style guide matters'],
    ['Storm hits coast (video)', 'Storm hits coast (video)'],
  ])('reads %j as %j', (input, expected) => {
    expect(withoutCredit(input)).toBe(expected);
  });
});
