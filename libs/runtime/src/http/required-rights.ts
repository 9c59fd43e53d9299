import { SetMetadata } from '@nestjs/common';
import type { Right } from '@itsm/domain';

/** Where a route's required rights are kept: the guard (@itsm/auth) reads them there. */
export const REQUIRED_RIGHTS = 'itsm:auth:rights';

/**
 * The caller needs every one of these rights; on a controller and a route, both lists apply.
 * Here rather than in @itsm/auth so that the runtime's own routes (dead letters) can say it too.
 */
export const RequireRights = (...rights: Right[]) => SetMetadata(REQUIRED_RIGHTS, rights);
