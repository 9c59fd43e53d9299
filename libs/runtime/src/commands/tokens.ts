/** The guard commands go through, as HTTP requests do: the auth library provides its AccessGuard. */
export const COMMAND_GUARD = Symbol('COMMAND_GUARD');
