import { isDomainError } from '@itsm/domain';
import { authenticateAgent, type AgentAuthentication, type PresentedCredentials } from './agent-credentials';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function refusal(mode: AgentAuthentication, presented: PresentedCredentials): string {
  try {
    authenticateAgent(mode, presented);
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  throw new Error('accepted');
}

describe('agent credentials', () => {
  it('lets every agent in on a trusted network', () => {
    expect(authenticateAgent({ mode: 'none' }, {})).toEqual({});
  });

  it('checks HTTP Basic against the one agent account', () => {
    const mode: AgentAuthentication = { mode: 'basic', user: 'agent', password: 'long-enough-secret' };
    expect(authenticateAgent(mode, { authorization: basic('agent', 'long-enough-secret') })).toEqual({});
    expect(refusal(mode, { authorization: basic('agent', 'wrong') })).toBe('unauthenticated');
    expect(refusal(mode, {})).toBe('unauthenticated');
  });

  it('finds the entity of a token sent as a bearer, as the Basic password or in the URL', () => {
    const mode: AgentAuthentication = {
      mode: 'token',
      tokens: [
        { entityId: 'A', token: 'token-of-entity-a-0001' },
        { entityId: 'B', token: 'token-of-entity-b-0002' },
      ],
    };
    expect(authenticateAgent(mode, { authorization: 'Bearer token-of-entity-b-0002' })).toEqual({ entityId: 'B' });
    expect(authenticateAgent(mode, { authorization: basic('any', 'token-of-entity-a-0001') })).toEqual({
      entityId: 'A',
    });
    expect(authenticateAgent(mode, { token: 'token-of-entity-a-0001' })).toEqual({ entityId: 'A' });
    expect(refusal(mode, { token: 'token-of-entity-c-0003' })).toBe('unauthenticated');
  });
});
