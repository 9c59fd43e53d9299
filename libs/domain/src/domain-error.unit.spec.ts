import { DomainError, failureKind, fieldsRefusal, isTransient } from './domain-error';

describe('the kind of a failure', () => {
  it('takes a domain error at its word', () => {
    expect(failureKind(new DomainError('forbidden', 'missing right'))).toBe('final');
    expect(failureKind(new DomainError('conflict', 'kept changing', { transient: true }))).toBe('transient');
    expect(failureKind(new DomainError('unavailable', 'the store is away'))).toBe('transient');
    expect(isTransient(new DomainError('not_found', 'no such ticket'))).toBe(false);
  });

  it('knows a dependency that is away by its driver error or its socket message', () => {
    const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });
    expect(failureKind(named('MongoServerSelectionError'))).toBe('transient');
    expect(failureKind(named('KafkaJSConnectionError'))).toBe('transient');
    expect(failureKind(new Error('connect ECONNREFUSED 127.0.0.1:27027'))).toBe('transient');
    expect(failureKind(named('MongoServerError', 'connection refused by PostgreSQL'))).toBe('transient');
    expect(
      failureKind(named('MongooseError', 'Operation `events.insertMany()` buffering timed out after 10000ms')),
    ).toBe('transient');
  });

  it('calls anything else unknown: a few attempts, then the dead letter', () => {
    expect(failureKind(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe('unknown');
    expect(failureKind('a string')).toBe('unknown');
    expect(failureKind(Object.assign(new Error('Cannot call find() twice'), { name: 'MongooseError' }))).toBe(
      'unknown',
    );
  });
});

describe('a refusal naming its fields', () => {
  it('is a rule (422) listing each field, its detail saying them in order', () => {
    const refusal = fieldsRefusal([
      { field: 'requesters.0.id', message: 'unknown user u1' },
      { field: 'categoryId', message: 'unknown category c1' },
    ]);
    expect(refusal).toEqual(
      new DomainError('rule', 'requesters.0.id: unknown user u1; categoryId: unknown category c1', {
        errors: [
          { field: 'requesters.0.id', message: 'unknown user u1' },
          { field: 'categoryId', message: 'unknown category c1' },
        ],
      }),
    );
  });

  it('is none when no field is refused', () => {
    expect(fieldsRefusal([])).toBeNull();
  });
});
