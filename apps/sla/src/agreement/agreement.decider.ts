import { DomainError, type Decider } from '@itsm/domain';
import type { AgreementTerms, SlaDefined } from '@itsm/contracts';

export type AgreementCommand = {
  type: 'define-agreement';
  slaId: string;
  entityId: string;
  recursive: boolean;
  terms: AgreementTerms;
};

export interface AgreementState {
  slaId: string | null;
}

const MINUTES_PER_UNIT = { minutes: 1, hours: 60, days: 24 * 60 } as const;
const MAX_MINUTES = 366 * 24 * 60;

function termProblems({ name, duration, unit, levels }: AgreementTerms): string[] {
  const problems: string[] = [];
  if (name.trim() === '') problems.push('the agreement needs a name');
  const minutes = duration * MINUTES_PER_UNIT[unit];
  if (!Number.isInteger(duration) || duration < 1) problems.push('duration must be a whole number, 1 or more');
  if (minutes > MAX_MINUTES) problems.push('duration must not exceed a year');
  const offsets = new Set<number>();
  for (const level of levels) {
    if (offsets.has(level.offsetMinutes)) problems.push(`two levels run at ${level.offsetMinutes} minutes`);
    offsets.add(level.offsetMinutes);
    // GLPI caps "before the deadline" at the agreement's own length: earlier would precede the ticket
    if (level.offsetMinutes < -minutes) problems.push(`level ${level.name} runs before the clock starts`);
  }
  return problems;
}

function decide(command: AgreementCommand, state: AgreementState): SlaDefined[] | DomainError {
  if (state.slaId !== null) return new DomainError('conflict', `agreement ${command.slaId} already exists`);
  const problems = termProblems(command.terms);
  if (problems.length > 0) return new DomainError('rule', problems.join('; '));
  const { slaId, entityId, recursive, terms } = command;
  return [{ type: 'sla.defined', data: { slaId, entityId, recursive, ...terms, name: terms.name.trim() } }];
}

export const agreementDecider: Decider<AgreementCommand, SlaDefined, AgreementState> = {
  initialState: () => ({ slaId: null }),
  decide,
  evolve: (state, event) => ({ ...state, slaId: event.data.slaId }),
  stateVersion: 1,
};

export const agreementStreamId = (slaId: string): string => `sla-${slaId}`;
