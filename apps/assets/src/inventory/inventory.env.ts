import { wholeNumberSetting } from '@itsm/runtime';
import type { AgentAuthentication } from './domain/agent-credentials';

export interface InventorySettings {
  authentication: AgentAuthentication;
  /** an agent body larger than this (as sent) is refused before it is read whole */
  maxBodyBytes: number;
  /** a compressed body inflating past this is refused (zip bombs) */
  maxInflatedBytes: number;
  /** agent messages per address per RATE_LIMIT_WINDOW_SECONDS; 0: no inventory-specific limit */
  perAddress: number;
  /** hours until the agent's next contact, told in the PROLOG and CONTACT answers */
  contactEveryHours: number;
}

const MB = 1024 * 1024;

const MIN_TOKEN = 16;

function authenticationOf(raw: Record<string, string | undefined>): AgentAuthentication {
  const mode = raw.ASSETS_AGENT_AUTH || 'none';
  if (mode === 'none') return { mode };
  if (mode === 'basic') {
    const [user, password] = [raw.ASSETS_AGENT_BASIC_USER, raw.ASSETS_AGENT_BASIC_PASSWORD];
    if (!user || !password || password.length < 12) {
      throw new Error(
        'Invalid environment for assets: ASSETS_AGENT_AUTH=basic needs ASSETS_AGENT_BASIC_USER and a ASSETS_AGENT_BASIC_PASSWORD of 12 characters or more',
      );
    }
    return { mode, user, password };
  }
  if (mode === 'token') {
    const tokens = (raw.ASSETS_AGENT_TOKENS ?? '')
      .split(',')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => {
        const [entityId, token] = pair.split('=');
        if (!entityId || !token || token.length < MIN_TOKEN) {
          throw new Error(
            `Invalid environment for assets: ASSETS_AGENT_TOKENS is entityId=token,… with tokens of ${MIN_TOKEN} characters or more`,
          );
        }
        return { entityId, token };
      });
    if (tokens.length === 0)
      throw new Error('Invalid environment for assets: ASSETS_AGENT_AUTH=token needs ASSETS_AGENT_TOKENS');
    return { mode, tokens };
  }
  throw new Error('Invalid environment for assets: ASSETS_AGENT_AUTH must be none, basic or token');
}

/**
 * ASSETS_AGENT_AUTH (none | basic | token), ASSETS_AGENT_BASIC_USER, ASSETS_AGENT_BASIC_PASSWORD,
 * ASSETS_AGENT_TOKENS (entityId=token,…), ASSETS_INVENTORY_MAX_BODY_MB (default 20),
 * ASSETS_INVENTORY_MAX_INFLATED_MB (default 64), ASSETS_INVENTORY_PER_ADDRESS (default 600 per
 * window), ASSETS_AGENT_CONTACT_HOURS (default 24); fails at start when wrong.
 */
export function loadInventorySettings(raw: Record<string, string | undefined>): InventorySettings {
  return {
    authentication: authenticationOf(raw),
    maxBodyBytes:
      wholeNumberSetting(raw, 'assets', 'ASSETS_INVENTORY_MAX_BODY_MB', { fallback: 20, min: 1, max: 1024 }) * MB,
    maxInflatedBytes:
      wholeNumberSetting(raw, 'assets', 'ASSETS_INVENTORY_MAX_INFLATED_MB', { fallback: 64, min: 1, max: 4096 }) * MB,
    perAddress: wholeNumberSetting(raw, 'assets', 'ASSETS_INVENTORY_PER_ADDRESS', {
      fallback: 600,
      min: 0,
      max: 1_000_000,
    }),
    contactEveryHours: wholeNumberSetting(raw, 'assets', 'ASSETS_AGENT_CONTACT_HOURS', {
      fallback: 24,
      min: 1,
      max: 720,
    }),
  };
}
