import { describe, expect, it } from 'vitest';
import { isOpinion } from '../../src/pipeline/cluster-pending.js';

const item = (title: string, text = '', url: string | null = 'https://news.example/article.cfm?c_id=1') => ({
  title,
  text,
  url,
});

describe('an opinion page', () => {
  it('says so in its address or in the label it opens with', () => {
    expect(
      isOpinion(item('Why the bridge must be rebuilt', '', 'https://news.example/opinion/2021/bridge')),
    ).toBe(true);
    expect(
      isOpinion(item('Simon Wilson: What we learned', 'COMMENT: Mr Affable, am I getting that right?')),
    ).toBe(true);
    expect(isOpinion(item('Rating our MPs', 'COMMENT The Covid-19 crisis has claimed one scalp.'))).toBe(
      true,
    );
    expect(isOpinion(item('Opinion | Fixing the booking system', 'The Government has made changes.'))).toBe(
      true,
    );
    expect(isOpinion(item('Column: No Tiger, no Phil', 'Tiger Woods will not be at the Ryder Cup.'))).toBe(
      true,
    );
    expect(isOpinion(item('Soper: Do not expect an admission', 'OPINION: It is official.'))).toBe(true);
  });

  it('is not news that mentions opinions or comments', () => {
    expect(
      isOpinion(
        item('Minister declines to comment on leak', 'The minister said no comment: the inquiry is open.'),
      ),
    ).toBe(false);
    expect(isOpinion(item('Poll: opinion divided on the new flag', 'Comments from readers poured in.'))).toBe(
      false,
    );
    expect(isOpinion(item('Columns of smoke rise over the port', 'COLUMNS of smoke rose on Tuesday.'))).toBe(
      false,
    );
    expect(isOpinion(item('OPINION POLL PUTS LABOUR 10 POINTS AHEAD'))).toBe(false);
    expect(isOpinion(item('Labour takes lead', 'OPINION POLLS published on Sunday put Labour ahead.'))).toBe(
      false,
    );
    expect(isOpinion(item('Smoke seen for miles', 'COLUMN OF SMOKE rose over the refinery.'))).toBe(false);
  });
});
