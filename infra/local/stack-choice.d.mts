// Types of stack-choice.mjs for its TypeScript spec (infra/local is plain Node, never built).
export type StackKind = 'processes' | 'containers';
export interface StackSituation {
  requested: string | undefined;
  engineAnswers?: boolean;
  allExternal: boolean;
}
export interface ContainerSpec {
  image: string;
  ports: { container: number; host: number }[];
  env: Record<string, string>;
  command: string[];
}
export const stackKinds: StackKind[];
export function chooseStack(situation: StackSituation): StackKind;
export function needsEngineProbe(situation: Omit<StackSituation, 'engineAnswers'>): boolean;
export function dockerEndpoints(env: Record<string, string | undefined>, home: string): string[];
export function containerSpecs(ports: {
  kafka: number;
  mongo: number;
  redis: number;
}): Record<'kafka' | 'mongo' | 'redis', ContainerSpec>;
