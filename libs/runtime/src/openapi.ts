import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { DOMAIN_ERROR_CODES } from '@itsm/domain';
import { PROBLEM_CONTENT_TYPE } from './http/problem';

/** Serves the service's OpenAPI document at /api/docs (UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication, title: string, description: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription(description)
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  const document = withProblems(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('api/docs', app, document);
  return document;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` is stable, `detail` is for people.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:itsm:problem:forbidden' },
    title: { type: 'string', example: 'Forbidden' },
    status: { type: 'integer', example: 403 },
    detail: { type: 'string', example: 'missing right ticket.update' },
    code: { type: 'string', enum: [...DOMAIN_ERROR_CODES, 'internal'] },
    instance: { type: 'string', example: '/api/tickets/0190…' },
    errors: {
      type: 'array',
      description: 'per field, for invalid requests',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', example: 'urgency' }, message: { type: 'string' } },
      },
    },
    details: { type: 'object', additionalProperties: true },
  },
};

/** Every route may answer these; routes behind the guard also 401 and 403. */
const COMMON = {
  400: 'invalid request',
  404: 'not found',
  409: 'conflict',
  422: 'refused by a rule',
  500: 'internal error',
  503: 'a dependency is unavailable',
};
const GUARDED = { 401: 'authentication required', 403: 'right or entity scope missing' };

/** Documents the error answers of every operation as problem+json. */
export function withProblems(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, Problem: problemSchema as never };
  const problem = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation) continue;
      const guarded = (operation.security ?? document.security ?? []).length > 0;
      const answers = { ...COMMON, ...(guarded ? GUARDED : {}) };
      for (const [status, description] of Object.entries(answers)) {
        operation.responses[status] ??= { description, content: problem };
      }
    }
  }
  return document;
}
