import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { scopedFilter, type Caller } from '@itsm/auth';
import { IdentityDirectory } from '../../shared/identity-directory';
import { contains, PageQuery, pageOf } from '@itsm/runtime';
import type { UserListDoc } from '../read-models/user-list.projection';

const SORTABLE = {
  login: 'loginLower',
  lastName: 'lastName',
  email: 'email',
  phone: 'phone',
  location: 'location',
  active: 'active',
};

/** The seed's user list: login, last name, e-mail, phone, location, active; each one filterable. */
export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) login?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) lastName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) location?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: Object.keys(SORTABLE), default: 'login' })
  @IsOptional()
  @IsIn(Object.keys(SORTABLE))
  sort: keyof typeof SORTABLE = 'login';
}

export type UserView = Omit<UserListDoc, 'loginLower' | 'entityIds' | 'authorizations'>;

export const userView = (doc: UserListDoc): UserView => ({
  userId: doc.userId,
  login: doc.login,
  firstName: doc.firstName,
  lastName: doc.lastName,
  displayName: doc.displayName,
  emails: doc.emails,
  email: doc.email,
  phone: doc.phone,
  location: doc.location,
  active: doc.active,
  erased: doc.erased,
  defaultEntityId: doc.defaultEntityId,
  defaultProfileId: doc.defaultProfileId,
  language: doc.language ?? null,
});

@Injectable()
export class UserQueries {
  constructor(private readonly directory: IdentityDirectory) {}

  async list(caller: Caller, query: ListUsersQuery) {
    const criteria: Record<string, unknown> = {};
    if (query.login) criteria.loginLower = contains(query.login);
    if (query.lastName) criteria.lastName = contains(query.lastName);
    if (query.email) criteria.emails = contains(query.email);
    if (query.phone) criteria.phone = contains(query.phone);
    if (query.location) criteria.location = contains(query.location);
    if (query.active !== undefined) criteria.active = query.active;
    const filter = scopedFilter(caller, criteria, 'entityIds');
    return pageOf(await this.directory.users(), filter, query, SORTABLE[query.sort], userView);
  }

  async get(caller: Caller, userId: string) {
    const user = await this.directory.visibleUser(caller, userId);
    const groups = await (await this.directory.groups())
      .find({ members: userId, entityId: { $in: [...caller.scope] } })
      .toArray();
    return { ...userView(user), groups: groups.map(({ groupId, name }) => ({ groupId, name })) };
  }

  async authorizations(caller: Caller, userId: string) {
    const user = await this.directory.visibleUser(caller, userId);
    return user.authorizations.filter((held) => caller.scope.includes(held.entityId));
  }
}
