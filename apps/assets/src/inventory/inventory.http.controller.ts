import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { RateLimits, type Budget } from '@itsm/runtime';
import { ConfigService } from '@nestjs/config';
import { INVENTORY_SETTINGS } from '../assets.tokens';
import { authenticateAgent } from './domain/agent-credentials';
import type { InventorySettings } from './inventory.env';
import { ReceiveAgentMessageCommand } from './use-cases/receive-agent-message/receive-agent-message.handler';

/** What the controller reads of Express's request and writes of its response. */
interface Request extends AsyncIterable<Buffer> {
  ip?: string;
  socket: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  body?: unknown;
}
interface Response {
  setHeader(name: string, value: string): void;
  status(code: number): { type(contentType: string): { send(body: Buffer): void } };
}

/** Where agents post: the service's own path, and those GLPI users give their agents. */
export const AGENT_PATHS = [
  'inventory',
  'front/inventory.php',
  'plugins/fusioninventory',
  'plugins/glpiinventory',
  'marketplace/glpiinventory',
];

/** The body as sent, never more than `max` bytes read: a larger one is refused as it arrives. */
async function bodyOf(req: Request, res: Response, max: number): Promise<Buffer> {
  // a JSON body has already been parsed by the platform's parser (1 MB, 5,000 fields)
  if (req.body && typeof req.body === 'object' && Object.keys(req.body).length > 0) {
    return Buffer.from(JSON.stringify(req.body));
  }
  const tooLarge = () => {
    res.setHeader('Connection', 'close'); // what is still coming is not read
    return new DomainError('too_large', `an agent body may not exceed ${max} bytes`, { details: { maxBytes: max } });
  };
  if (Number(req.headers['content-length'] ?? 0) > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The agents' endpoint: FusionInventory 2.6 (XML) and GLPI Agent (JSON), authenticated as
 * configured (none, HTTP Basic or a token per entity), limited per address and in size.
 */
@ApiTags('inventory')
@Controller()
export class InventoryHttpController {
  private readonly perAddress?: Budget;

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(INVENTORY_SETTINGS) private readonly settings: InventorySettings,
    limits: RateLimits,
    config: ConfigService,
  ) {
    const window = Number(config.get('RATE_LIMIT_WINDOW_SECONDS') ?? 60);
    if (settings.perAddress > 0) this.perAddress = limits.budget('inventory:address', settings.perAddress, window);
  }

  @Post(AGENT_PATHS)
  @Public()
  @ApiOperation({ summary: 'An agent’s PROLOG, CONTACT or INVENTORY; answered in its own encoding' })
  @ApiConsumes('application/x-compress-zlib', 'application/x-compress-gzip', 'application/xml', 'application/json')
  async receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    await this.perAddress?.consume(address, { what: 'agent messages', from: 'from this address' });
    const agent = this.authenticated(req, res);
    const body = await bodyOf(req, res, this.settings.maxBodyBytes);
    const glpiAgentId = req.headers['glpi-agent-id'];
    const answer = await this.commandBus.execute(
      new ReceiveAgentMessageCommand({
        body,
        agent,
        address,
        ...(typeof glpiAgentId === 'string' ? { glpiAgentId } : {}),
      }),
    );
    res.status(200).type(answer.contentType).send(answer.body);
  }

  /** Agents send their Basic credentials once challenged: a refusal carries the challenge. */
  private authenticated(req: Request, res: Response) {
    try {
      return authenticateAgent(this.settings.authentication, {
        authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined,
        token: typeof req.query.token === 'string' ? req.query.token : undefined,
      });
    } catch (error) {
      res.setHeader('WWW-Authenticate', 'Basic realm="inventory"');
      throw error;
    }
  }
}
