/** How a command carries its caller: the access token identity issued, checked as over HTTP. */
export interface CommandCaller {
  accessToken: string;
}

/**
 * Every command sent to a service's command topic travels in this envelope (one Kafka message
 * holds one envelope, or a JSON array of them: a batch). Version 1; it only grows by optional fields.
 */
export interface CommandEnvelope<Type extends string = string, Data = unknown> {
  /** UUIDv7 chosen by the sender: the same id sent again is answered again, and runs nothing */
  commandId: string;
  /** `<aggregate>.<verb>`, e.g. `user.register` */
  type: Type;
  /** version of `data`'s schema for this type */
  schemaVersion: number;
  /**
   * The Kafka key: the stream the command acts on, or, for a command creating a stream (whose id
   * the service assigns), a stable key of the sender's (a login, a serial number)
   */
  streamId: string;
  caller: CommandCaller;
  /** the sender's topic, where the result of this command is published */
  replyTo: string;
  /** the flow (an import run, say) this command belongs to; its events carry it */
  correlationId: string;
  /** ISO 8601 instant */
  issuedAt: string;
  data: Data;
}

/** Each service takes its commands on `itsm.<service>.commands`, prefixed like its event topic. */
export const commandTopicFor = (service: string, prefix = ''): string => `${prefix}itsm.${service}.commands`;

/** Most commands one Kafka message may carry. */
export const MAX_COMMANDS_PER_MESSAGE = 500;
