/** compromise as a second opinion on English name runs that have no cue of their own. */
import { describe, expect, it } from 'vitest';
import { sentenceAround, taggedAsPerson } from '../../src/stages/extract/people/tagger.js';

describe('the compromise second opinion', () => {
  it('tags a name whose given name is also a word when the sentence reads as about a person', () => {
    expect(taggedAsPerson('Grant Holloway, a former sprinter, joined the board.', 'Grant Holloway')).toBe(true);
  });

  it('does not tag company and brand names as people', () => {
    expect(taggedAsPerson('The deal was signed by Aramark and Pinterest last week.', 'Aramark')).toBe(false);
    expect(taggedAsPerson('Speaking at the event, Tory Burch announced a new line.', 'Tory Burch')).toBe(false);
  });

  it('reads only the sentence around a candidate, never the whole release', () => {
    const text = 'First sentence here. Grant Holloway, a former sprinter, joined the board. Last one.\nNext line.';
    const start = text.indexOf('Grant');
    expect(sentenceAround(text, start, start + 14)).toBe('Grant Holloway, a former sprinter, joined the board.');
  });
});
