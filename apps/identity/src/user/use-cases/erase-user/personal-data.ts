import type { EventEnvelope } from '@itsm/contracts';
import { asContractEnvelope } from '@itsm/eventsourcing';

/** What of each stored user event is personal data, replaced by the pseudonym on erasure. */
export function withoutPersonalData(envelope: EventEnvelope, pseudonym: string): EventEnvelope {
  const event = asContractEnvelope(envelope);
  if (event.type === 'user.registered') {
    const data = {
      ...event.data,
      login: pseudonym,
      firstName: '',
      lastName: pseudonym,
      emails: [],
      phone: null,
      location: null,
    };
    return { ...envelope, data };
  }
  if (event.type === 'user.details-changed') {
    const blank = { firstName: '', lastName: pseudonym, emails: [], phone: null, location: null };
    const data = Object.fromEntries(
      Object.entries(event.data).map(([field, value]) => [
        field,
        field in blank ? blank[field as keyof typeof blank] : value,
      ]),
    );
    return { ...envelope, data };
  }
  return envelope;
}

export const pseudonymOf = (userId: string): string => `deleted-user-${userId.slice(-8)}`;
