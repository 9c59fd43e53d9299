import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Public, type Caller } from '@itsm/auth';
import { RateLimit, SmallBody } from '@itsm/runtime';
import { MeQuery } from './queries/me.query';
import { EndSessionCommand } from './use-cases/end-session/end-session.handler';
import { LoginCommand } from './use-cases/login/login.handler';
import { LoginRequestDto } from './use-cases/login/login.request.dto';
import { RefreshCommand } from './use-cases/refresh/refresh.handler';
import { RefreshTokenRequestDto } from './use-cases/refresh/refresh.request.dto';
import { SwitchContextCommand } from './use-cases/switch-context/switch-context.handler';
import { SwitchContextRequestDto } from './use-cases/switch-context/switch-context.request.dto';

@ApiTags('auth')
@Controller('api')
export class AuthHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly me: MeQuery,
  ) {}

  /** Attempts per client address are the `login` class's limit; failures per account, the throttle's. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @RateLimit('login')
  @SmallBody()
  login(@Body() body: LoginRequestDto) {
    return this.commandBus.execute(new LoginCommand(body));
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @RateLimit('login')
  @SmallBody()
  refresh(@Body() body: RefreshTokenRequestDto) {
    return this.commandBus.execute(new RefreshCommand(body.refreshToken));
  }

  /** Ends the session: its refresh tokens stop working, its access tokens within seconds on every service. */
  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@CurrentCaller() caller: Caller) {
    await this.commandBus.execute(new EndSessionCommand(caller, caller.userId, caller.sessionId, 'signed-out'));
  }

  @ApiBearerAuth()
  @Post('auth/switch')
  @HttpCode(200)
  @SmallBody()
  switch(@CurrentCaller() caller: Caller, @Body() body: SwitchContextRequestDto) {
    return this.commandBus.execute(new SwitchContextCommand(caller, body));
  }

  @ApiBearerAuth()
  @Get('me')
  whoAmI(@CurrentCaller() caller: Caller) {
    return this.me.answer(caller);
  }
}
