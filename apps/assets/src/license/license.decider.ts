import { DomainError, type Decider } from '@itsm/domain';
import type { LicenseChanged, LicenseEvent } from '@itsm/contracts';
import { cleanName, cleanOptional } from '../software/domain/software-names';
import { seatFree, UNLIMITED } from './domain/seats';

export interface LicenseTerms {
  name: string;
  serial: string | null;
  seats: number;
  expiresAt: string | null;
  overQuotaAllowed: boolean;
}

/** The version a licence covers, of its software; null: any version. The software stays. */
export interface LicenseCoverage {
  versionId: string | null;
}

export type LicenseCommand =
  | ({
      type: 'create-license';
      licenseId: string;
      softwareId: string;
      versionId: string | null;
      entityId: string;
      recursive: boolean;
    } & LicenseTerms)
  | { type: 'change-license'; licenseId: string; changes: Partial<LicenseTerms & LicenseCoverage> }
  | { type: 'assign-computer'; licenseId: string; computerId: string }
  | { type: 'unassign-computer'; licenseId: string; computerId: string }
  | { type: 'delete-license'; licenseId: string };

export interface LicenseState {
  status: 'none' | 'active' | 'deleted';
  terms: (LicenseTerms & LicenseCoverage) | null;
  computerIds: string[];
}

const invalidField = (field: string, message: string) =>
  new DomainError('invalid', `${field}: ${message}`, { errors: [{ field, message }] });

/** The terms cleaned, or why not. */
function checkedTerms<T extends Partial<LicenseTerms>>(terms: T): T | DomainError {
  const checked = { ...terms };
  if (terms.name !== undefined) {
    checked.name = cleanName(terms.name);
    if (!checked.name) return invalidField('name', 'must not be empty');
  }
  if (terms.serial !== undefined) checked.serial = cleanOptional(terms.serial);
  if (terms.seats !== undefined && (!Number.isInteger(terms.seats) || terms.seats < UNLIMITED)) {
    return invalidField('seats', 'a whole number of seats, or -1 for unlimited');
  }
  return checked;
}

/** Seats are never fewer than the computers holding one, unless over-quota is allowed. */
function quotaRefusal(terms: LicenseTerms, assigned: number, field: string): DomainError | null {
  if (terms.overQuotaAllowed || terms.seats === UNLIMITED || assigned <= terms.seats) return null;
  const message = `licence ${terms.name} has ${terms.seats} seats and ${assigned} computers would hold one; over-quota is not allowed`;
  return new DomainError('rule', `${field}: ${message}`, {
    errors: [{ field, message }],
    details: { seats: terms.seats, assigned },
  });
}

type ActiveLicense = LicenseState & { terms: LicenseTerms & LicenseCoverage };

function changed(state: ActiveLicense, licenseId: string, changes: Partial<LicenseTerms & LicenseCoverage>) {
  const checked = checkedTerms(changes);
  if (checked instanceof DomainError) return checked;
  const data: LicenseChanged['data'] = { licenseId };
  for (const key of Object.keys(checked) as Array<keyof (LicenseTerms & LicenseCoverage)>) {
    if (checked[key] !== undefined && checked[key] !== state.terms[key]) Object.assign(data, { [key]: checked[key] });
  }
  if (Object.keys(data).length === 1) return [];
  const refusal = quotaRefusal({ ...state.terms, ...data }, state.computerIds.length, 'seats');
  return refusal ?? [{ type: 'license.changed' as const, data }];
}

function assigned(state: ActiveLicense, licenseId: string, computerId: string) {
  if (state.computerIds.includes(computerId)) return [];
  const { terms } = state;
  if (!terms.overQuotaAllowed && !seatFree(terms.seats, state.computerIds.length)) {
    const message = `all ${terms.seats} seats of licence ${terms.name} are assigned; over-quota is not allowed`;
    return new DomainError('rule', `computerId: ${message}`, {
      errors: [{ field: 'computerId', message }],
      details: { seats: terms.seats, assigned: state.computerIds.length },
    });
  }
  return [{ type: 'license.computer-assigned' as const, data: { licenseId, computerId } }];
}

function decide(command: LicenseCommand, state: LicenseState): LicenseEvent[] | DomainError {
  if (command.type === 'create-license') {
    if (state.status !== 'none') return new DomainError('conflict', `licence ${command.licenseId} already exists`);
    const { type: _type, ...fields } = command;
    const terms = checkedTerms(fields);
    return terms instanceof DomainError ? terms : [{ type: 'license.created', data: terms }];
  }
  if (state.status !== 'active' || state.terms === null) {
    return new DomainError('not_found', `unknown licence ${command.licenseId}`);
  }
  const active = { ...state, terms: state.terms };
  switch (command.type) {
    case 'change-license':
      return changed(active, command.licenseId, command.changes);
    case 'assign-computer':
      return assigned(active, command.licenseId, command.computerId);
    case 'unassign-computer':
      if (!state.computerIds.includes(command.computerId)) {
        return new DomainError(
          'not_found',
          `computer ${command.computerId} holds no seat of licence ${state.terms.name}`,
        );
      }
      return [
        { type: 'license.computer-unassigned', data: { licenseId: command.licenseId, computerId: command.computerId } },
      ];
    case 'delete-license':
      return [{ type: 'license.deleted', data: { licenseId: command.licenseId } }];
  }
}

function evolve(state: LicenseState, event: LicenseEvent): LicenseState {
  switch (event.type) {
    case 'license.created': {
      const { name, serial, seats, expiresAt, overQuotaAllowed, versionId } = event.data;
      return { ...state, status: 'active', terms: { name, serial, seats, expiresAt, overQuotaAllowed, versionId } };
    }
    case 'license.changed': {
      const { licenseId: _id, ...changes } = event.data;
      return { ...state, terms: state.terms && { ...state.terms, ...changes } };
    }
    case 'license.computer-assigned':
      return { ...state, computerIds: [...state.computerIds, event.data.computerId] };
    case 'license.computer-unassigned':
      return { ...state, computerIds: state.computerIds.filter((id) => id !== event.data.computerId) };
    case 'license.deleted':
      return { ...state, status: 'deleted' };
  }
}

export const licenseDecider: Decider<LicenseCommand, LicenseEvent, LicenseState> = {
  initialState: () => ({ status: 'none', terms: null, computerIds: [] }),
  decide,
  evolve,
  stateVersion: 2,
};

export const licenseStreamId = (licenseId: string): string => `license-${licenseId}`;
