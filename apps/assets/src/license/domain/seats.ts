/** GLPI's `number` of a licence: -1 is unlimited. */
export const UNLIMITED = -1;

/** Whether one more computer fits in the seats bought. */
export function seatFree(seats: number, assigned: number): boolean {
  return seats === UNLIMITED || assigned < seats;
}
