import { movedOrder } from './rule-order';

describe('moving an inventory rule one place', () => {
  it('swaps it with the rule above or below it, the others staying', () => {
    expect(movedOrder(4, 2, 'up')).toEqual([0, 2, 1, 3]);
    expect(movedOrder(4, 2, 'down')).toEqual([0, 1, 3, 2]);
  });

  it('cannot move the first rule up nor the last one down, nor a rule that is not there', () => {
    expect(movedOrder(3, 0, 'up')).toBeNull();
    expect(movedOrder(3, 2, 'down')).toBeNull();
    expect(movedOrder(3, 3, 'up')).toBeNull();
    expect(movedOrder(1, 0, 'down')).toBeNull();
  });
});
