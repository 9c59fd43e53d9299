import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { scopedFilter, type Caller } from '@itsm/auth';
import type { ProjectedFields } from '@itsm/eventsourcing';
import { IdentityDirectory } from '../../shared/identity-directory';
import { contains, PageQuery, pageOf } from '@itsm/runtime';
import type { GroupListDoc } from '../read-models/group-list.projection';

const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListGroupsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) name?: string;

  @ApiPropertyOptional({ description: 'only groups that may be assigned tickets' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  isAssignee?: boolean;

  @ApiPropertyOptional({ enum: ['name'], default: 'name' })
  @IsOptional()
  @IsIn(['name'])
  sort = 'name' as const;
}

/** The group as the API shows it: the read model without its bookkeeping fields. */
export const groupView = (doc: GroupListDoc & Partial<ProjectedFields>): GroupListDoc => {
  const { _id, _sequence, ...view } = doc;
  return view;
};

@Injectable()
export class GroupQueries {
  constructor(private readonly directory: IdentityDirectory) {}

  async list(caller: Caller, query: ListGroupsQuery) {
    const criteria: Record<string, unknown> = {};
    if (query.name) criteria.name = contains(query.name);
    if (query.isAssignee !== undefined) criteria.isAssignee = query.isAssignee;
    return pageOf(await this.directory.groups(), scopedFilter(caller, criteria), query, query.sort, groupView);
  }

  async get(caller: Caller, groupId: string) {
    return groupView(await this.directory.visibleGroup(caller, groupId));
  }
}
