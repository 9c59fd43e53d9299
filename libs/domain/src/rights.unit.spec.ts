import { RIGHTS, isRight } from './rights';

describe('rights catalogue', () => {
  it('recognises catalogued rights only', () => {
    expect(isRight('ticket.create')).toBe(true);
    expect(isRight('ticket.fly')).toBe(false);
    expect(new Set(RIGHTS).size).toBe(RIGHTS.length);
  });
});
