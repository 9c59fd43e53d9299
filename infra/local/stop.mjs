#!/usr/bin/env node
// `npm stop`: every service, then Kafka, FerretDB and Redis.
import { stopApps } from './apps.mjs';
import { stopStack } from './stack.mjs';

await stopApps();
await stopStack();
