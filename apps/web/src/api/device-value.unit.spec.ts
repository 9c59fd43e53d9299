import { deviceOf, deviceValue } from './device-value';

describe('a device as a select value', () => {
  it('round-trips its type and id, and is nothing when none is chosen', () => {
    const printer = { itemType: 'printer', itemId: '0193a1b2-0000-7000-8000-000000000001' };
    expect(deviceOf(deviceValue(printer))).toEqual(printer);
    expect(deviceOf('')).toBeNull();
  });
});
