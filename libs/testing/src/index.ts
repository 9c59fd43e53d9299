export { stackEndpoints, type StackEndpoints } from './stack-endpoints';
export {
  createIsolatedStack,
  destroyIsolatedStack,
  useIsolatedStack,
  type IsolatedStack,
  type ManagedIsolatedStack,
} from './isolated-stack';
export { deciderSpecification } from './decider-specification';
export { eventually, readTopic } from './kafka-topic';
