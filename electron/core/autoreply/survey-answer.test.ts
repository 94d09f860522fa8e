import { describe, expect, it } from 'vitest';
import { readSurveyAnswer } from './survey-answer.js';

describe('a satisfaction survey answer, in any language', () => {
  it.each([
    ['5', 5],
    ['4/5', 4],
    ['3 de 5', 3],
    ['５', 5],
    ['Note : 4', 4],
    ['5 stars, thanks!', 5],
    ['★★★★☆', 4],
    ['⭐⭐⭐', 3],
    ['5 ⭐ gracias!', 5],
    ['五星好评', 5],
    ['给三分吧', 3],
    ['👍', 4],
    ['😍😍', 5],
    ['😡', 1],
    ['🙁 zu langsam', 2],
    ['2\n\n> How did we do? Reply with a number from 1 to 5.\n> 1 = bad, 5 = excellent', 2],
  ])('reads %j as %i', (text, score) => {
    expect(readSurveyAnswer(text)).toEqual({ score });
  });

  it.each(['STOP', 'Stop', 'unsubscribe', 'Baja', '退订', '配信停止', 'abmelden', 'Отписаться'])('reads %j as no more surveys', (text) => {
    expect(readSurveyAnswer(text)).toEqual({ optOut: true });
  });

  it.each([
    'I ordered 3 lamps and only 2 arrived, where is the third one?',
    'My order 302-4417823-5590312',
    '12',
    '0',
    '7/10',
    'Thanks',
    '',
  ])('does not read %j as a rating', (text) => {
    expect(readSurveyAnswer(text)).toBeNull();
  });
});
