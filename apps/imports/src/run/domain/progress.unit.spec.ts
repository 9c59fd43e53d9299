import { secondsLeft } from './progress';

describe('the time a run has left', () => {
  it('given lines left and a pace, when asked, then the lines left at that pace, rounded up', () => {
    expect(secondsLeft(false, 1000, 5000, 300)).toBe(14);
  });

  it('given more lines done than counted (the count is an estimate), when asked, then none', () => {
    expect(secondsLeft(false, 5002, 5000, 300)).toBe(0);
  });

  it('given no pace yet or no count, when asked, then unknown; once ended, none', () => {
    expect(secondsLeft(false, 0, 5000, 0)).toBeNull();
    expect(secondsLeft(false, 10, null, 5)).toBeNull();
    expect(secondsLeft(true, 10, null, 0)).toBe(0);
  });
});
