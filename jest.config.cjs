// One Jest run for the whole monorepo. Test level is in the file name: *.unit.spec.ts (pure),
// *.int.spec.ts (real local stack), *.e2e.spec.ts (HTTP); `npx jest --selectProjects unit` runs one.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/infra', '<rootDir>/tests'],
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  // NestJS 12 and some of its companions ship ES modules only: compile them to CommonJS for Jest
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uuid)/)'],
  moduleNameMapper: { '^@itsm/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
};

// Only the levels that need the real stack start it (Jest runs a project's global setup only
// when one of its tests runs).
const withStack = { globalSetup: '<rootDir>/infra/local/jest-global-setup.mjs' };

module.exports = {
  maxWorkers: 2,
  // integration tests wait on real servers; unit tests never come near this
  testTimeout: 120_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    { ...shared, ...withStack, displayName: 'int', testMatch: ['**/*.int.spec.ts'] },
    { ...shared, ...withStack, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'] },
  ],
};
