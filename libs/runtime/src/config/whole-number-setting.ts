/**
 * A service's whole-number setting from its environment: unset or empty takes `fallback`; out of
 * [min, max] or not whole, the service refuses to start, naming the setting.
 */
export function wholeNumberSetting(
  raw: Record<string, string | undefined>,
  service: string,
  name: string,
  { fallback, min, max }: { fallback: number; min: number; max: number },
): number {
  const text = raw[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid environment for ${service}: ${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}
