export interface AssetsSettings {
  /** how many days before a warranty ends asset.warranty-expiring is emitted */
  warrantyNoticeDays: number;
}

/** ASSETS_WARRANTY_NOTICE_DAYS (default 30, 0 to 365); fails at start when wrong. */
export function loadAssetsSettings(raw: Record<string, string | undefined>): AssetsSettings {
  return { warrantyNoticeDays: wholeNumber(raw, 'ASSETS_WARRANTY_NOTICE_DAYS', 30, 0, 365) };
}

export function wholeNumber(
  raw: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = raw[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid environment for assets: ${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}
