import type { JsonSchema } from '../json-schema';

/** One accepted version of one command type of a service. */
export interface CommandDefinition<Type extends string = string> {
  type: Type;
  schemaVersion: number;
  description: string;
  /** the rights the caller needs, as on the matching HTTP route */
  rights: string[];
  /** JSON Schema of `data` (the service validates it with the HTTP route's DTO) */
  schema: JsonSchema;
}

/** The commands a service takes on its command topic `itsm.<service>.commands`. */
export interface ServiceCommands {
  service: string;
  description: string;
  commands: CommandDefinition[];
}
