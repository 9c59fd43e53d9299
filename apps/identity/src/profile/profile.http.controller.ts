import { RIGHTS } from '@itsm/domain';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdentityDirectory } from '../shared/identity-directory';
import { IdParam, PageQuery, pageOf } from '@itsm/runtime';
import type { ProfileListDoc } from './read-models/profile-list.projection';
import { ChangeProfileRightsCommand } from './use-cases/change-profile-rights/change-profile-rights.handler';
import { CreateProfileCommand } from './use-cases/create-profile/create-profile.handler';
import { CreateProfileRequestDto } from './use-cases/create-profile/create-profile.request.dto';
import { RightsField } from './use-cases/rights.dto';

class ChangeProfileRightsRequestDto {
  @RightsField()
  rights!: string[];
}

const profileView = ({ profileId, name, interface: ui, rights }: ProfileListDoc) => ({
  profileId,
  name,
  interface: ui,
  rights,
});

/** Profiles are global (as in GLPI); which entities they apply to is the authorizations' business. */
@ApiTags('profiles')
@ApiBearerAuth()
@Controller('api/profiles')
export class ProfileHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly directory: IdentityDirectory,
  ) {}

  @Get()
  @RequireRights('profile.read')
  async list(@Query() query: PageQuery) {
    return pageOf(await this.directory.profiles(), {}, query, 'name', profileView);
  }

  /** The catalogue of rights a profile can hold. */
  @Get('rights')
  @RequireRights('profile.read')
  rights() {
    return RIGHTS;
  }

  @Get(':id')
  @RequireRights('profile.read')
  async get(@Param() { id }: IdParam) {
    return profileView(await this.directory.profile(id));
  }

  @Post()
  @RequireRights('profile.write')
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateProfileRequestDto) {
    const { profileId } = await this.commandBus.execute(new CreateProfileCommand(caller, body));
    return profileView(await this.directory.profile(profileId));
  }

  @Patch(':id')
  @RequireRights('profile.write')
  async changeRights(
    @CurrentCaller() caller: Caller,
    @Param() { id }: IdParam,
    @Body() body: ChangeProfileRightsRequestDto,
  ) {
    await this.commandBus.execute(new ChangeProfileRightsCommand(caller, id, body.rights));
    return profileView(await this.directory.profile(id));
  }
}
