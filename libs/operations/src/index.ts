export { operationsProgram, runOperationsCli, type OperationsCliOptions } from './operations-cli';
export { ServiceContext } from './service-context';
export { askHidden } from './hidden-prompt';
export { activateNextKey, publishNextKey, retireOldKeys, type JwtKeyFiles } from './jwt-key-rotation';
export { rotateJwtKeyCommand } from './rotate-jwt-key.command';
