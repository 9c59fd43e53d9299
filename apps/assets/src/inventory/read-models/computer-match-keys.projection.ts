import { defineProjection, handlersFor } from '@itsm/eventsourcing';
import { MATCH_KEYS_EVENTS, matchKeysAfter, type ComputerMatchKeys } from '../domain/match-keys';

/**
 * One small document per computer: what the import rules match it by (serial, UUID, name, MACs,
 * the agent's device id). Each replica holds them all in memory (ComputerMatchIndex); these
 * documents are where that index loads from, and what answers while it is not ready. Every key
 * is a plain field with its index (the MACs an array, the one lookup FerretDB serves slowly).
 */
export const computerMatchKeysProjection = defineProjection<ComputerMatchKeys>({
  name: 'computer_match_keys',
  indexes: [
    { keys: { serial: 1 }, options: { name: 'serial' } },
    { keys: { uuid: 1 }, options: { name: 'uuid' } },
    { keys: { nameKey: 1 }, options: { name: 'name' } },
    { keys: { macs: 1 }, options: { name: 'macs' } },
    { keys: { deviceId: 1 }, options: { name: 'device' } },
  ],
  handlers: handlersFor(MATCH_KEYS_EVENTS, (current, event) => matchKeysAfter(current, event, event.occurredAt)),
});
