import type { ContractEvent, ContractEventType, EventEnvelope } from '@itsm/contracts';
import type { EnvelopeOf } from './projections/define-projection';

/** An envelope of any published event, its data typed by its `type` as the contracts declare it. */
export type ContractEnvelope = EnvelopeOf<ContractEvent, ContractEventType>;

/**
 * An envelope read off a topic or the store, seen as the contracts declare it: a switch on its
 * `type` then gives each case its data. Upcasting has already brought it to the latest version.
 */
export const asContractEnvelope = (envelope: EventEnvelope): ContractEnvelope => envelope as ContractEnvelope;
