import { kafkaConnectionFrom, parseTopicOverrides } from '@itsm/messaging';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ServiceEnv } from './service-env';

export interface ServiceDefaults {
  name: string;
  port: number;
}

/** Reads the environment (with a service's defaults under it) into a validated ServiceEnv. */
export function validateServiceEnv(raw: Record<string, unknown>, defaults: ServiceDefaults): ServiceEnv {
  const withDefaults = {
    SERVICE_NAME: defaults.name,
    PORT: defaults.port,
    MONGO_DB: `itsm_${defaults.name}`,
    ...definedOnly(raw),
  };
  const env = plainToInstance(ServiceEnv, withDefaults, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
  });
  const errors = validateSync(env, { forbidUnknownValues: false });
  const reasons = errors.flatMap((error) => Object.values(error.constraints ?? {}));
  if (reasons.length === 0) reasons.push(...kafkaConnectionProblems(env), ...topicOverrideProblems(env));
  if (reasons.length > 0) throw new Error(`Invalid environment for ${defaults.name}: ${reasons.join('; ')}`);
  return env;
}

/** What the Kafka connection variables cannot do together (files missing, half a SASL setting). */
function kafkaConnectionProblems(env: ServiceEnv): string[] {
  try {
    kafkaConnectionFrom(env);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

function topicOverrideProblems(env: ServiceEnv): string[] {
  try {
    parseTopicOverrides(env.KAFKA_TOPIC_OVERRIDES);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

function definedOnly(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
}
