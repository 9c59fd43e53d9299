import { directoryAuthorizationsProjection } from './directory-authorizations.projection';
import { directoryEntitiesProjection } from './directory-entities.projection';
import { directoryGroupsProjection } from './directory-groups.projection';
import { directoryUsersProjection } from './directory-users.projection';

export { directoryUsersProjection, type DirectoryUser } from './directory-users.projection';
export { directoryGroupsProjection, type DirectoryGroup } from './directory-groups.projection';
export { directoryEntitiesProjection, type DirectoryEntity } from './directory-entities.projection';
export {
  directoryAuthorizationsProjection,
  type DirectoryAuthorization,
  type DirectoryAuthorizations,
} from './directory-authorizations.projection';
export { autoCloseDays, defaultCalendarId, inheritedSetting, type SettingPicker } from './inherited-setting';
export { DirectoryReader, DIRECTORY_CACHE_MS } from './directory.reader';

/** Register as `feeds: [{ context: 'identity', projections: directoryProjections }]` of EventSourcingModule. */
export const directoryProjections = [
  directoryUsersProjection,
  directoryGroupsProjection,
  directoryEntitiesProjection,
  directoryAuthorizationsProjection,
];
