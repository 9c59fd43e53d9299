import type { Right } from '@itsm/domain';
import type { TargetType } from '../../model/domain/target-fields';

/** The right a run needs on its target type: the same as writing one item through the owner's API. */
export const RIGHT_TO_IMPORT: Record<TargetType, Right> = {
  computers: 'asset.write',
  monitors: 'asset.write',
  printers: 'asset.write',
  'network-equipments': 'asset.write',
  phones: 'asset.write',
  peripherals: 'asset.write',
  software: 'asset.write',
  licenses: 'asset.write',
  locations: 'asset.write',
  users: 'user.write',
  'group-memberships': 'group.write',
  authorizations: 'user.write',
  groups: 'group.write',
  entities: 'entity.write',
  'itil-categories': 'category.write',
};
