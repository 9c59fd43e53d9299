import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { scopedFilter, type Caller } from '@itsm/auth';
import { IdentityDirectory } from '../../shared/identity-directory';
import { contains, PageQuery, pageOf } from '@itsm/runtime';
import type { DirectoryEntity } from '@itsm/directory';

export class ListEntitiesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'part of the name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ enum: ['name'], default: 'name' })
  @IsOptional()
  @IsIn(['name'])
  sort = 'name' as const;
}

export interface EntityView extends DirectoryEntity {
  /** "Entité racine > Sous-entité" as GLPI's completename */
  completeName: string;
}

@Injectable()
export class EntityQueries {
  constructor(private readonly directory: IdentityDirectory) {}

  async list(caller: Caller, query: ListEntitiesQuery) {
    const filter = scopedFilter(caller, query.name ? { name: contains(query.name) } : {});
    const present = await this.presenter();
    return pageOf(await this.directory.entities(), filter, query, query.sort, present);
  }

  async get(caller: Caller, entityId: string): Promise<EntityView> {
    const entity = await this.directory.visibleEntity(caller, entityId);
    return (await this.presenter())(entity);
  }

  private async presenter(): Promise<(doc: DirectoryEntity) => EntityView> {
    const tree = await this.directory.entityTree();
    const docs = await (await this.directory.entities()).find({}, { projection: { entityId: 1, name: 1 } }).toArray();
    const names = new Map(docs.map((doc) => [doc.entityId, doc.name]));
    return ({ entityId, name, parentId, settings }) => ({
      entityId,
      name,
      parentId,
      settings,
      completeName: [...tree.ancestorsOf(entityId).reverse(), entityId].map((id) => names.get(id) ?? id).join(' > '),
    });
  }
}
