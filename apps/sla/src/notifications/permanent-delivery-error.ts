/** A delivery that no retry can fix (the channel is not configured): the notification fails at once. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}
