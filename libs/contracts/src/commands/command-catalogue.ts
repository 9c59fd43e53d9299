import { assetsCommands } from './assets.commands';
import type { ServiceCommands } from './command-definition';
import { identityCommands } from './identity.commands';
import { ticketsCommands } from './tickets.commands';

/** Every service's command types, each version listed; a service adds itself with its first command. */
export const commandCatalogue: ServiceCommands[] = [identityCommands, ticketsCommands, assetsCommands];
