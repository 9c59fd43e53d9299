/**
 * A service's own whole-number setting, validated at start: unset or empty takes `fallback`; a
 * value that is no whole number from `min` to `max` fails the start with a message naming it.
 */
export function wholeNumberSetting(
  raw: Record<string, string | undefined>,
  service: string,
  name: string,
  [fallback, min, max]: [fallback: number, min: number, max: number],
): number {
  const text = raw[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid environment for ${service}: ${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}
