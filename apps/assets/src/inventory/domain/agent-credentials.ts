import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@itsm/domain';

/** How agents prove who they are: not at all (a trusted network), HTTP Basic, or a token per entity. */
export type AgentAuthentication =
  | { mode: 'none' }
  | { mode: 'basic'; user: string; password: string }
  | { mode: 'token'; tokens: Array<{ entityId: string; token: string }> };

/** What an agent presented: its Authorization header, and a `token` in the URL it was given. */
export interface PresentedCredentials {
  authorization?: string;
  token?: string;
}

/** Who the agent is once checked: with a token, the entity its computers belong to. */
export interface AgentIdentity {
  entityId?: string;
}

// digests first: equal lengths for timingSafeEqual, and no length leaks through timing
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

function basicOf(authorization: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A token as a bearer, as the Basic password (agents that only speak Basic), or in the URL. */
function tokenOf({ authorization, token }: PresentedCredentials): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return bearer?.[1] ?? basicOf(authorization)?.password ?? token;
}

const refused = (message: string) => new DomainError('unauthenticated', message);

/** Checks the agent's credentials against the configured mode; throws `unauthenticated` when they fail. */
export function authenticateAgent(mode: AgentAuthentication, presented: PresentedCredentials): AgentIdentity {
  if (mode.mode === 'none') return {};
  if (mode.mode === 'basic') {
    const basic = basicOf(presented.authorization);
    if (basic && same(basic.user, mode.user) && same(basic.password, mode.password)) return {};
    throw refused('agent credentials (HTTP Basic) are missing or wrong');
  }
  const token = tokenOf(presented);
  const known = token === undefined ? undefined : mode.tokens.find((entry) => same(entry.token, token));
  if (!known) throw refused('the agent token is missing or unknown');
  return { entityId: known.entityId };
}
