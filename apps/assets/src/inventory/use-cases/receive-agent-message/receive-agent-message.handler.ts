import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { INVENTORY_SETTINGS } from '../../../assets.tokens';
import { contactAnswer, inventoryReply, jsonOk, prologReply } from '../../domain/agent-answers';
import type { AgentIdentity } from '../../domain/agent-credentials';
import { readAgentMessage } from '../../domain/agent-message';
import { contentTypeOf, decodeBody, encodeAnswer } from '../../domain/body-encoding';
import type { InventorySettings } from '../../inventory.env';
import { ApplyAgentInventory, type InventoryOutcome } from './apply-agent-inventory';

/** One agent request as the HTTP edge read it. */
export interface AgentRequest {
  /** the body as sent (compressed or not), already within the size limit */
  body: Buffer;
  agent: AgentIdentity;
  address?: string;
  /** GLPI Agent's `GLPI-Agent-ID` header: such an agent is answered in JSON from the PROLOG on */
  glpiAgentId?: string;
}

export interface AgentAnswer {
  contentType: string;
  body: Buffer;
  /** set when the message was an inventory */
  outcome?: InventoryOutcome;
}

export class ReceiveAgentMessageCommand extends Command<AgentAnswer> {
  constructor(readonly request: AgentRequest) {
    super();
  }
}

/**
 * FusionInventory's PROLOG is answered SEND (or, for a GLPI Agent, a JSON contact answer);
 * CONTACT likewise; an INVENTORY is applied to its computer. Answers go back in the encoding the
 * agent used (zlib, gzip or plain), as agents read it from the answer's first bytes.
 */
@CommandHandler(ReceiveAgentMessageCommand)
export class ReceiveAgentMessageHandler implements ICommandHandler<ReceiveAgentMessageCommand> {
  constructor(
    @Inject(INVENTORY_SETTINGS) private readonly settings: InventorySettings,
    private readonly inventories: ApplyAgentInventory,
  ) {}

  async execute({ request }: ReceiveAgentMessageCommand): Promise<AgentAnswer> {
    const { text, encoding } = decodeBody(request.body, this.settings.maxInflatedBytes);
    const message = readAgentMessage(text);
    const answer = (reply: string, json: boolean, outcome?: InventoryOutcome): AgentAnswer => ({
      contentType: contentTypeOf[encoding](json),
      body: encodeAnswer(reply, encoding),
      ...(outcome ? { outcome } : {}),
    });
    const hours = this.settings.contactEveryHours;
    if (message.kind === 'prolog') {
      return request.glpiAgentId ? answer(contactAnswer(hours), true) : answer(prologReply(hours), false);
    }
    if (message.kind === 'contact') return answer(contactAnswer(hours), true);
    const outcome = await this.inventories.apply(message.inventory, request.agent, request.address);
    return message.protocol === 'json' ? answer(jsonOk(), true, outcome) : answer(inventoryReply(), false, outcome);
  }
}
