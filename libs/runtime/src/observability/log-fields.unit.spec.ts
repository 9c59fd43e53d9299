import { withinFlow } from '@itsm/messaging';
import { logFields } from './log-fields';

describe('what every log line says of its work', () => {
  it('says nothing outside any flow (a timer, the start)', () => {
    expect(logFields()).toEqual({});
  });

  it('names the request’s flow by its request id', () => {
    expect(withinFlow({ correlationId: 'request-1' }, logFields)).toEqual({ correlationId: 'request-1' });
  });

  it('names a consumer’s flow and the event it handles', () => {
    expect(withinFlow({ correlationId: 'request-1', causationId: 'event-9' }, logFields)).toEqual({
      correlationId: 'request-1',
      causationId: 'event-9',
    });
  });
});
