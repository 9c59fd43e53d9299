import { Body, Controller, Get, Param, Post, Query, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { Idempotent, IdParam } from '@itsm/runtime';
import { AssetQueries } from './queries/asset-queries';
import { ListAssetsQuery } from './queries/list-assets.query';
import { CreateAssetCommand } from './use-cases/create-asset/create-asset.handler';
import { CreateAssetRequestDto } from './use-cases/create-asset/create-asset.request.dto';

/** The route of each asset type, as GLPI's API names them. */
export const ASSET_ROUTES: Record<AssetType, string> = {
  computer: 'computers',
  monitor: 'monitors',
  printer: 'printers',
  'network-equipment': 'network-equipments',
  phone: 'phones',
  peripheral: 'peripherals',
};

/**
 * One asset type's routes (`/api/computers`, `/api/monitors`…): the same use cases for every type,
 * the type fixed by the route. Rights and entity scope are checked by the use cases and queries:
 * a self-service user (no asset.read) reaches his own devices only, read-only.
 */
function assetHttpController(assetType: AssetType): Type<unknown> {
  const path = ASSET_ROUTES[assetType];

  @ApiTags(path)
  @ApiBearerAuth()
  @Controller(`api/${path}`)
  class AssetHttpController {
    constructor(
      readonly commandBus: CommandBus,
      readonly queries: AssetQueries,
    ) {}

    @Post()
    @Idempotent()
    async create(@CurrentCaller() caller: Caller, @Body() body: CreateAssetRequestDto) {
      const { entityId = caller.entityId, ...fields } = body;
      const { assetId } = await this.commandBus.execute(
        new CreateAssetCommand(caller, { assetType, entityId, fields }),
      );
      return this.queries.get(caller, assetType, assetId);
    }

    @Get()
    list(@CurrentCaller() caller: Caller, @Query() query: ListAssetsQuery) {
      return this.queries.list(caller, assetType, query);
    }

    @Get(':id')
    get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
      return this.queries.get(caller, assetType, id);
    }
  }
  // each type's class has its own name in logs and the OpenAPI document
  Object.defineProperty(AssetHttpController, 'name', { value: `${path}HttpController` });
  return AssetHttpController;
}

export const assetHttpControllers = (Object.keys(ASSET_ROUTES) as AssetType[]).map(assetHttpController);
