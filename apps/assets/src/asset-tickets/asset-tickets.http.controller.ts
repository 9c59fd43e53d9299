import { Controller, Get, Param, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '@itsm/auth';
import { ASSET_TYPES, type AssetType } from '@itsm/contracts';
import { IdParam } from '@itsm/runtime';
import { ASSET_ROUTES } from '../asset/asset.http.controller';
import { AssetTicketQueries } from './queries/asset-ticket-queries';

/** `/api/<type>/:id/tickets` for every asset type: the tickets naming the asset, as the caller may see them. */
function assetTicketsHttpController(assetType: AssetType): Type<unknown> {
  const path = ASSET_ROUTES[assetType];

  @ApiTags(path)
  @ApiBearerAuth()
  @Controller(`api/${path}/:id/tickets`)
  class AssetTicketsHttpController {
    constructor(readonly queries: AssetTicketQueries) {}

    @Get()
    list(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
      return this.queries.of(caller, assetType, id);
    }
  }
  Object.defineProperty(AssetTicketsHttpController, 'name', { value: `${path}TicketsHttpController` });
  return AssetTicketsHttpController;
}

export const assetTicketsHttpControllers = ASSET_TYPES.map(assetTicketsHttpController);
