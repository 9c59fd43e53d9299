import type { CommandEnvelope } from '@itsm/contracts';
import type { Caller } from '@itsm/domain';
import { BaseRpcContext } from '@nestjs/microservices';

/** What a command handler's guard, pipes and parameters see of a command received over Kafka. */
export class KafkaCommandContext extends BaseRpcContext<[CommandEnvelope]> {
  /** set by the access guard once the command's token is verified, as on an HTTP request */
  caller?: Caller;

  constructor(command: CommandEnvelope) {
    super([command]);
  }

  get command(): CommandEnvelope {
    return this.args[0];
  }

  get accessToken(): string {
    return this.command.caller.accessToken;
  }
}
