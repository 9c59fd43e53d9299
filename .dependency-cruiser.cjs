// Domain code stays pure in what it loads, not only in what it says: a decider, anything under a
// `domain/` folder and the pure libraries never reach a framework, a driver or a broker client,
// directly or through a barrel (`npm run depcheck`, part of `npm test`).
const PURE = ['\\.decider\\.ts$', '/domain/', '^libs/domain/src/', '^libs/contracts/src/'];
const RUNTIME =
  'node_modules/(@nestjs|mongodb|mongoose|bson|kafkajs|ioredis|bullmq|jsonwebtoken|express|nestjs-pino|pino|rate-limiter-flexible|argon2|nodemailer)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-stays-pure',
      severity: 'error',
      comment: 'Deciders and domain code load no NestJS, driver, Kafka, Redis or BullMQ, even through a barrel.',
      from: { path: PURE, pathNot: '\\.spec\\.ts$' },
      to: { path: RUNTIME, reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.itsm|\\.nx|coverage)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
