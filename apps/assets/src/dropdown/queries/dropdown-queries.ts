import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Caller } from '@itsm/auth';
import type { DropdownKind } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { PageQuery, type Page } from '@itsm/runtime';
import { DropdownCatalogue, type HeldValue } from '../dropdown-catalogue';
import { nameKey } from '../domain/dropdown-name';
import { locationTree } from '../domain/location-tree';

export class ListValuesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'name contains' }) @IsOptional() @IsString() @MaxLength(255) name?: string;
}

const valueView = ({ valueId, kind, entityId, recursive, name, parentId, comment }: HeldValue) => ({
  valueId,
  kind,
  entityId,
  recursive,
  name,
  parentId,
  comment: comment ?? null,
});
type ValueView = ReturnType<typeof valueView>;

const byKey = (a: HeldValue, b: HeldValue) => a.key.localeCompare(b.key) || a.valueId.localeCompare(b.valueId);

/** The values of a catalogue the caller sees (catalogues are small: paged in memory). */
@Injectable()
export class DropdownQueries {
  constructor(private readonly catalogue: DropdownCatalogue) {}

  async list(caller: Caller, kind: DropdownKind, query: ListValuesQuery): Promise<Page<ValueView>> {
    const visible = await this.catalogue.visibleTo(kind, caller.scope, caller.entityId);
    const wanted = query.name ? nameKey(query.name) : '';
    const matching = visible.filter((value) => value.key.includes(wanted)).sort(byKey);
    if (query.order === 'desc') matching.reverse();
    const start = (query.page - 1) * query.limit;
    const items = matching.slice(start, start + query.limit).map(valueView);
    return { items, total: matching.length, page: query.page, limit: query.limit };
  }

  /** The value when the caller sees it; not found otherwise. */
  async get(caller: Caller, kind: DropdownKind, valueId: string): Promise<HeldValue> {
    const visible = await this.catalogue.visibleTo(kind, caller.scope, caller.entityId);
    const value = visible.find((one) => one.valueId === valueId);
    if (!value) throw new DomainError('not_found', `no ${kind} ${valueId}`);
    return value;
  }

  async view(caller: Caller, kind: DropdownKind, valueId: string): Promise<ValueView> {
    return valueView(await this.get(caller, kind, valueId));
  }

  /** The locations the caller sees, as a tree with each one's complete name ("Siège > Bâtiment A"). */
  async locations(caller: Caller) {
    const visible = await this.catalogue.visibleTo('location', caller.scope, caller.entityId);
    return locationTree(visible.sort(byKey).map(valueView));
  }
}
