import type { KafkaMessage } from 'kafkajs';
import { ofTypes } from './event-consumer';

const withHeaders = (headers: KafkaMessage['headers']) => ({ headers }) as KafkaMessage;
const handled = new Set(['asset.created', 'asset.updated']);

describe('an event message told by its type header', () => {
  it('given a type the handler acts on, then it is taken', () => {
    expect(ofTypes(withHeaders({ 'event-type': Buffer.from('asset.created') }), handled)).toBe(true);
  });

  it('given a type the handler ignores, then it is passed over', () => {
    expect(ofTypes(withHeaders({ 'event-type': Buffer.from('asset.seen') }), handled)).toBe(false);
  });

  it('given no type header (a message from elsewhere), then it is taken and decoded as ever', () => {
    expect(ofTypes(withHeaders({}), handled)).toBe(true);
    expect(ofTypes(withHeaders(undefined), handled)).toBe(true);
  });
});
