import { duration } from './duration';

it('writes durations the French way, days, hours and minutes', () => {
  expect(duration(30)).toBe('30 min');
  expect(duration(125)).toBe('2 h 05 min');
  expect(duration(-(1440 + 61))).toBe('1 j 1 h 01 min');
});
