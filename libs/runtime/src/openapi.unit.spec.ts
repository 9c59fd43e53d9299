import type { OpenAPIObject } from '@nestjs/swagger';
import { withProblems } from './openapi';

const documentWith = (operation: object): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: { '/api/things': { post: { responses: { '201': { description: 'created' } }, ...operation } } },
});

describe('withProblems', () => {
  it('documents the problem answers of a guarded route, keeping its own', () => {
    const document = withProblems(documentWith({ security: [{ bearer: [] }] }));
    const responses = document.paths['/api/things'].post!.responses;
    expect(Object.keys(responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '422', '500', '503']);
    expect(responses['403']).toEqual({
      description: 'right or entity scope missing',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(document.components?.schemas?.Problem).toMatchObject({
      required: ['type', 'title', 'status', 'detail', 'code'],
    });
  });

  it('leaves 401 and 403 out of a public route', () => {
    const responses = withProblems(documentWith({})).paths['/api/things'].post!.responses;
    expect(responses['401']).toBeUndefined();
    expect(responses['400']).toBeDefined();
  });
});
