import { inspectJson, jsonProblem, MAX_JSON_DEPTH, MAX_JSON_FIELDS, rejectUnfitJson } from './json-guard';

const nested = (levels: number) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { child: value };
  return value;
};

describe('the JSON guard', () => {
  it('lets ordinary bodies through, text with tabs and line breaks included', () => {
    expect(jsonProblem({ title: 'Imprimante\tHS', description: 'ligne 1\r\nligne 2', items: [{ id: 'a' }] })).toBe(
      undefined,
    );
    expect(jsonProblem(nested(MAX_JSON_DEPTH - 1))).toBe(undefined);
    expect(jsonProblem(undefined)).toBe(undefined);
  });

  it('refuses nesting deeper than any DTO, without recursing, even 20,000 levels deep', () => {
    expect(jsonProblem(nested(20_000))).toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/nested deeper/),
    });
  });

  it('refuses bodies with more fields than any request holds, before validation lists them all', () => {
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 1]));
    expect(jsonProblem(wide)?.message).toBe(`the body has more than ${MAX_JSON_FIELDS} fields`);
  });

  it('names the field holding a control character, in a value or an array', () => {
    expect(jsonProblem({ title: 'bad\u0000title' })).toMatchObject({
      code: 'invalid',
      message: 'field title contains a control character',
      errors: [{ field: 'title', message: 'field title contains a control character' }],
    });
    expect(jsonProblem({ items: [{ id: 'ok' }, { id: 'x\u001b[31m' }] })?.message).toBe(
      'field items.1.id contains a control character',
    );
  });

  it('refuses prototype keys, which class-transformer would otherwise drop silently', () => {
    expect(jsonProblem(JSON.parse('{"title":"t","__proto__":{"admin":true}}'))?.message).toBe(
      'field __proto__ is not an accepted field name',
    );
    expect(jsonProblem({ a: { constructor: 1 } })?.message).toBe('field a.constructor is not an accepted field name');
  });

  it('counts the fields at every depth, array items included', () => {
    expect(inspectJson({ title: 't', items: [{ id: 'a' }, { id: 'b' }], tags: {} })).toEqual({ fields: 7 });
    expect(inspectJson('text')).toEqual({ fields: 0 });
  });

  it('checks the query string too, as Express middleware, and leaves the body’s field count on the request', () => {
    const next = jest.fn();
    const request: { body: unknown; query: unknown; bodyFields?: number } = {
      body: { ok: true, list: [1, 2] },
      query: { q: 'imprimante' },
    };
    rejectUnfitJson(request, undefined, next);
    expect(next).toHaveBeenLastCalledWith(undefined);
    expect(request.bodyFields).toBe(4);
    rejectUnfitJson({ body: undefined, query: { q: 'a\u0000' } }, undefined, next);
    expect(next.mock.calls[1][0]).toMatchObject({ code: 'invalid', message: 'field q contains a control character' });
  });
});
