import type { MyDevice } from './my-devices';

/** A device as one select value, and back. */
export const deviceValue = (device: Pick<MyDevice, 'itemType' | 'itemId'>) => `${device.itemType}:${device.itemId}`;

export function deviceOf(value: string): Pick<MyDevice, 'itemType' | 'itemId'> | null {
  const separator = value.indexOf(':');
  return separator > 0 ? { itemType: value.slice(0, separator), itemId: value.slice(separator + 1) } : null;
}
