import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Caller } from '@itsm/auth';
import type { DropdownKind } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { contains, pageOf, PageQuery } from '@itsm/runtime';
import { DropdownCatalogue } from '../dropdown-catalogue';
import type { DropdownValueDoc } from '../read-models/dropdown-values.projection';
import { locationTree } from '../domain/location-tree';

export class ListValuesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'name contains' }) @IsOptional() @IsString() @MaxLength(255) name?: string;
}

const valueView = ({ valueId, kind, entityId, recursive, name, parentId }: DropdownValueDoc) => ({
  valueId,
  kind,
  entityId,
  recursive,
  name,
  parentId,
});

/** The values of a catalogue the caller sees. */
@Injectable()
export class DropdownQueries {
  constructor(private readonly catalogue: DropdownCatalogue) {}

  async list(caller: Caller, kind: DropdownKind, query: ListValuesQuery) {
    const visible = await this.catalogue.visibleFilter(kind, caller.scope, caller.entityId);
    const filter = query.name ? { ...visible, name: contains(query.name) } : visible;
    return pageOf(await this.catalogue.collection(), filter, query, 'key', valueView);
  }

  async get(caller: Caller, kind: DropdownKind, valueId: string) {
    const value = (await this.catalogue.byIds([valueId])).get(valueId);
    if (!value || value.kind !== kind || !(await this.catalogue.isUsableIn(value, caller.entityId, caller.scope))) {
      throw new DomainError('not_found', `no ${kind} ${valueId}`);
    }
    return valueView(value);
  }

  /** The locations the caller sees, as a tree with each one's complete name ("Siège > Bâtiment A"). */
  async locations(caller: Caller) {
    const visible = await this.catalogue.visibleFilter('location', caller.scope, caller.entityId);
    const values = await (await this.catalogue.collection()).find(visible).sort({ key: 1 }).toArray();
    return locationTree(values.map(valueView));
  }
}
