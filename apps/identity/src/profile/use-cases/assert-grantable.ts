import { DomainError } from '@itsm/domain';

import { type Caller, missingRights } from '@itsm/auth';

/** A profile editor may only put in a profile the rights they hold themselves. */
export function assertGrantable(caller: Caller, rights: string[]): void {
  const missing = missingRights(caller.rights, rights);
  if (missing.length > 0)
    throw new DomainError('forbidden', `you cannot hand out rights you lack (${missing.join(', ')})`);
}
