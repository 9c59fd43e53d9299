import type { IHeaders, KafkaMessage } from 'kafkajs';

/** A message kept while its stream is parked: what it takes to hand it to the handler again. */
export interface ParkedMessage {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** A parked stream: its dead letter first, then the messages that came after it, in order. */
export interface ParkedStream {
  key: string;
  messages: ParkedMessage[];
  /** how many of `messages` a replay has handled already (an interrupted replay resumes there) */
  delivered: number;
}

/**
 * Where a consumer group keeps the streams it parked. A stream (the message key) whose message was
 * dead-lettered waits, with every later message of the same key, until an operator replays it;
 * the other streams of the partition move on. Durable: a restart, a rebalance or another replica
 * keeps the stream parked.
 */
export interface StreamParking {
  /** the keys this group has parked */
  parkedKeys(group: string): Promise<string[]>;
  /** parks the dead letter's stream and counts the dead letter; parking it again is a no-op */
  park(group: string, deadLetter: ParkedMessage, error: string): Promise<void>;
  /** keeps a later message behind its parked stream; false when the stream is not parked (any more) */
  hold(group: string, message: ParkedMessage): Promise<boolean>;
  /**
   * The stream, for `replayer` to replay alone for `leaseMs` (renewed by calling again); `busy`
   * while another replays it, undefined when it is not parked.
   */
  claim(group: string, key: string, replayer: string, leaseMs: number): Promise<ParkedStream | 'busy' | undefined>;
  /** the replay has handled the first `count` messages */
  delivered(group: string, key: string, count: number): Promise<void>;
  /** unparks the stream unless more than `count` messages wait in it now; false when more do */
  unpark(group: string, key: string, count: number): Promise<boolean>;
  /** the replay failed: another may claim the stream at once */
  release(group: string, key: string, replayer: string): Promise<void>;
}

export function parkedMessageOf(topic: string, partition: number, message: KafkaMessage): ParkedMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key?.toString('utf8') ?? '',
    value: message.value,
    headers: textHeaders(message.headers),
  };
}

/** The message as the consumer first received it (its handler and decoder take nothing else). */
export function kafkaMessageOf(parked: ParkedMessage): KafkaMessage {
  return {
    key: Buffer.from(parked.key, 'utf8'),
    value: parked.value,
    offset: parked.offset,
    timestamp: parked.timestamp,
    attributes: 0,
    headers: parked.headers,
  };
}

// the platform's headers are text (AsyncAPI names them); a repeated header keeps its first value
function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) text[name] = first.toString();
  }
  return text;
}
