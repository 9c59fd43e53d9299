import type { ServiceDescription } from '@itsm/runtime';
import { IDENTITY_DEFAULTS } from './identity.module';

/** The identity service as its main.ts runs it and its HTTP tests start it. */
export const IDENTITY_SERVICE: ServiceDescription = {
  name: IDENTITY_DEFAULTS.name,
  title: 'ITSM identity',
  description: 'Entities, users, groups, profiles, authorizations and sign-in.',
  takesCommands: true,
};
