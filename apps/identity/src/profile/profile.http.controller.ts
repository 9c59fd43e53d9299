import { RIGHTS } from '@itsm/domain';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { Idempotent, IdParam, PageQuery } from '@itsm/runtime';
import { ProfileQueries } from './queries/list-profiles.query';
import { ChangeProfileRightsCommand } from './use-cases/change-profile-rights/change-profile-rights.handler';
import { ChangeProfileRightsRequestDto } from './use-cases/change-profile-rights/change-profile-rights.request.dto';
import { CreateProfileCommand } from './use-cases/create-profile/create-profile.handler';
import { CreateProfileRequestDto } from './use-cases/create-profile/create-profile.request.dto';

/** Profiles are global (as in GLPI); which entities they apply to is the authorizations' business. */
@ApiTags('profiles')
@ApiBearerAuth()
@Controller('api/profiles')
export class ProfileHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: ProfileQueries,
  ) {}

  @Get()
  @RequireRights('profile.read')
  list(@Query() query: PageQuery) {
    return this.queries.list(query);
  }

  /** The catalogue of rights a profile can hold. */
  @Get('rights')
  @RequireRights('profile.read')
  rights() {
    return RIGHTS;
  }

  @Get(':id')
  @RequireRights('profile.read')
  get(@Param() { id }: IdParam) {
    return this.queries.get(id);
  }

  @Post()
  @RequireRights('profile.write')
  @Idempotent()
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateProfileRequestDto) {
    const { profileId } = await this.commandBus.execute(new CreateProfileCommand(caller, body));
    return this.queries.get(profileId);
  }

  @Patch(':id')
  @RequireRights('profile.write')
  async changeRights(
    @CurrentCaller() caller: Caller,
    @Param() { id }: IdParam,
    @Body() body: ChangeProfileRightsRequestDto,
  ) {
    await this.commandBus.execute(new ChangeProfileRightsCommand(caller, id, body.rights));
    return this.queries.get(id);
  }
}
