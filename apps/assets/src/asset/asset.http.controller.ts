import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '@itsm/auth';
import type { AssetType } from '@itsm/contracts';
import { Idempotent, IdParam, SmallBody, timingsOf } from '@itsm/runtime';
import { AssetHistory } from './queries/asset-history.query';
import { AssetQueries } from './queries/asset-queries';
import { ListAssetsQuery } from './queries/list-assets.query';
import { CreateAssetCommand } from './use-cases/create-asset/create-asset.handler';
import { CreateAssetRequestDto } from './use-cases/create-asset/create-asset.request.dto';
import { PurgeAssetCommand } from './use-cases/purge-asset/purge-asset.handler';
import { RestoreAssetCommand } from './use-cases/restore-asset/restore-asset.handler';
import { TransferAssetCommand } from './use-cases/transfer-asset/transfer-asset.handler';
import { TransferAssetRequestDto } from './use-cases/transfer-asset/transfer-asset.request.dto';
import { TrashAssetCommand } from './use-cases/trash-asset/trash-asset.handler';
import { UnlockFieldsCommand } from './use-cases/unlock-fields/unlock-fields.handler';
import { UnlockFieldsRequestDto } from './use-cases/unlock-fields/unlock-fields.request.dto';
import { UpdateAssetCommand } from './use-cases/update-asset/update-asset.handler';
import { UpdateAssetRequestDto } from './use-cases/update-asset/update-asset.request.dto';

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
      readonly changes: AssetHistory,
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
    list(@CurrentCaller() caller: Caller, @Query() query: ListAssetsQuery, @Req() request: object) {
      // its steps go out in the Server-Timing header (the benchmark reads them)
      return this.queries.list(caller, assetType, query, timingsOf(request));
    }

    @Get(':id')
    get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
      return this.queries.get(caller, assetType, id);
    }

    @Get(':id/history')
    history(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
      return this.changes.of(caller, assetType, id);
    }

    @Patch(':id')
    async update(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: UpdateAssetRequestDto) {
      await this.commandBus.execute(new UpdateAssetCommand(caller, assetType, id, body));
      return this.queries.get(caller, assetType, id);
    }

    @Post(':id/unlock')
    @HttpCode(200)
    @SmallBody()
    async unlock(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: UnlockFieldsRequestDto) {
      await this.commandBus.execute(new UnlockFieldsCommand(caller, assetType, id, body.fields));
      return this.queries.get(caller, assetType, id);
    }

    /** GLPI's "Transférer": to another entity of the caller's (asset.write on both). */
    @Post(':id/transfer')
    @HttpCode(200)
    @SmallBody()
    async transfer(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: TransferAssetRequestDto) {
      await this.commandBus.execute(new TransferAssetCommand(caller, assetType, id, body.entityId));
      return this.queries.get(caller, assetType, id);
    }

    /** To the trash ("Mettre à la corbeille"). */
    @Delete(':id')
    async trash(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
      await this.commandBus.execute(new TrashAssetCommand(caller, assetType, id));
      return this.queries.get(caller, assetType, id);
    }

    @Post(':id/restore')
    @HttpCode(200)
    async restore(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
      await this.commandBus.execute(new RestoreAssetCommand(caller, assetType, id));
      return this.queries.get(caller, assetType, id);
    }

    /** Gone for good, from the trash only. */
    @Delete(':id/purge')
    @HttpCode(204)
    async purge(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
      await this.commandBus.execute(new PurgeAssetCommand(caller, assetType, id));
    }
  }
  // each type's class has its own name in logs and the OpenAPI document
  Object.defineProperty(AssetHttpController, 'name', { value: `${path}HttpController` });
  return AssetHttpController;
}

export const assetHttpControllers = (Object.keys(ASSET_ROUTES) as AssetType[]).map(assetHttpController);
