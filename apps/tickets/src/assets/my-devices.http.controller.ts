import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { AssetCatalogue } from './asset-catalogue';

/**
 * GLPI's "Mes matériels": what a user opening a ticket may link to it, when self-service (the
 * assets whose user they are, in their entities, out of the trash).
 */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/my-devices')
export class MyDevicesHttpController {
  constructor(private readonly assets: AssetCatalogue) {}

  @Get()
  @RequireRights('ticket.create')
  async list(@CurrentCaller() caller: Caller) {
    const devices = await this.assets.devicesOf(caller.userId, caller.scope);
    return {
      items: devices.map(({ assetId, assetType, name, entityId }) => ({
        itemType: assetType,
        itemId: assetId,
        name,
        entityId,
      })),
    };
  }
}
