import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const HTTP_EXCEPTIONS = [
  'HttpException',
  'BadRequestException',
  'UnauthorizedException',
  'ForbiddenException',
  'NotFoundException',
  'ConflictException',
  'UnprocessableEntityException',
  'PayloadTooLargeException',
  'ServiceUnavailableException',
  'InternalServerErrorException',
  'HttpStatus',
];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '.itsm/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // a service never imports another service's code; domain code imports no adapter
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:shared', 'scope:identity'] },
            { sourceTag: 'scope:tickets', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tickets'] },
            { sourceTag: 'scope:assets', onlyDependOnLibsWithTags: ['scope:shared', 'scope:assets'] },
            { sourceTag: 'scope:sla', onlyDependOnLibsWithTags: ['scope:shared', 'scope:sla'] },
            { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:shared', 'scope:reporting'] },
            { sourceTag: 'scope:imports', onlyDependOnLibsWithTags: ['scope:shared', 'scope:imports'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared', 'scope:gateway'] },
            // the platform tests run the built services as processes: they import shared libs only
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:shared'] },
            // type:testing is there for the spec files (given/when/then, the isolated stack)
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:testing'] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:testing'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:testing'] },
          ],
        },
      ],
    },
  },
  {
    // errors are domain values until the edge: only controllers and the problem filter speak HTTP
    files: ['**/*.ts'],
    ignores: ['**/*.http.controller.ts', 'libs/runtime/src/http/problem*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: HTTP_EXCEPTIONS,
              message: 'Throw or return a DomainError (@itsm/domain); the problem filter maps it to HTTP.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  prettier,
];
