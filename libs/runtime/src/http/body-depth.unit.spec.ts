import { jsonDepth, MAX_BODY_DEPTH, rejectDeepBodies } from './body-depth';

const nested = (levels: number) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { child: value };
  return value;
};

describe('the body depth guard', () => {
  it('measures depth without recursing, even 20,000 levels deep', () => {
    expect(jsonDepth('text')).toBe(0);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
    expect(jsonDepth(nested(20_000))).toBe(MAX_BODY_DEPTH + 1);
  });

  it('lets ordinary bodies through and refuses absurd ones with a 400', () => {
    const next = jest.fn();
    rejectDeepBodies({ body: nested(5) }, undefined, next);
    expect(next).toHaveBeenCalledWith();
    rejectDeepBodies({ body: nested(20_000) }, undefined, next);
    expect(next.mock.calls[1][0]).toMatchObject({ code: 'invalid', message: expect.stringMatching(/nested deeper/) });
  });
});
