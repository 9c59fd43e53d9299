import type { OperatingSystem } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { normaliseName } from '../../inventory/domain/agent-values';

const PARTS = ['name', 'version', 'edition', 'architecture', 'kernel'] as const;

/**
 * An operating system a person gives, written as agents' are (names trimmed, inner blanks as one
 * space, empty parts left out), so that an agent reporting the same one finds it unchanged.
 */
export function cleanOperatingSystem(given: OperatingSystem): OperatingSystem | DomainError {
  const cleaned: Record<string, string> = {};
  for (const part of PARTS) {
    const value = given[part] === undefined ? '' : normaliseName(given[part]);
    if (value) cleaned[part] = value;
  }
  if (!cleaned.name) return new DomainError('invalid', 'an operating system needs a name');
  return { ...(cleaned as OperatingSystem), ...(given.installDate ? { installDate: given.installDate } : {}) };
}
