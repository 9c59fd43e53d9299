import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { commandMetadata, systemCaller } from '@itsm/auth';
import { DEFAULT_PROFILES, isDomainError } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { entityDecider, entityStreamId, ROOT_ENTITY_ID, ROOT_ENTITY_NAME } from './entity/entity.decider';
import { CreateProfileCommand } from './profile/use-cases/create-profile/create-profile.handler';
import { IdentityDirectory } from './shared/identity-directory';

const IDENTITY_ITSELF = systemCaller('identity');

/**
 * What exists from the very first start, as GLPI installs it: the root entity and the default
 * profiles. Recorded as ordinary events by the system actor; runs again harmlessly at each start.
 */
@Injectable()
export class IdentityBootstrap implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IdentityBootstrap.name);
  private ensured?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly commandBus: CommandBus,
    private readonly directory: IdentityDirectory,
  ) {}

  onApplicationBootstrap(): void {
    void this.retryUntilDone();
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
  }

  /** Resolves once the root entity and the default profiles exist. */
  ensureDefaults(): Promise<void> {
    this.ensured ??= this.createMissing().catch((error: Error) => {
      this.ensured = undefined;
      throw error;
    });
    return this.ensured;
  }

  private async retryUntilDone(): Promise<void> {
    while (!this.stopped) {
      try {
        return await this.ensureDefaults();
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn(`defaults not created yet (${(error as Error).message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }

  private async createMissing(): Promise<void> {
    if (!(await (await this.directory.entities()).findOne({ entityId: ROOT_ENTITY_ID }))) {
      await this.commands
        .execute(
          entityDecider,
          entityStreamId(ROOT_ENTITY_ID),
          { type: 'create-entity', entityId: ROOT_ENTITY_ID, name: ROOT_ENTITY_NAME, parentId: null },
          commandMetadata(IDENTITY_ITSELF, ROOT_ENTITY_ID),
        )
        .catch(ignoreConflict);
    }
    const profiles = await this.directory.profiles();
    for (const { profileId, ...profile } of DEFAULT_PROFILES) {
      if (await profiles.findOne({ profileId })) continue;
      await this.commandBus
        .execute(new CreateProfileCommand(IDENTITY_ITSELF, profile, profileId))
        .catch(ignoreConflict);
    }
  }
}

/** Another replica created it first: that is the goal reached. */
function ignoreConflict(error: unknown): void {
  if (!(isDomainError(error) && error.code === 'conflict')) throw error;
}
