export interface ImportsSettings {
  /** the largest file a run accepts (IMPORT_MAX_FILE_BYTES, default 1 GiB) */
  maxFileBytes: number;
}

export const IMPORTS_SETTINGS = Symbol('IMPORTS_SETTINGS');

/** IMPORT_MAX_FILE_BYTES: a whole number of bytes, 1 KiB or more; fails at start when wrong. */
export function loadImportsSettings(raw: Record<string, string | undefined>): ImportsSettings {
  const maxFileBytes = Number(raw.IMPORT_MAX_FILE_BYTES ?? 1024 ** 3);
  if (!Number.isInteger(maxFileBytes) || maxFileBytes < 1024) {
    throw new Error(
      'Invalid environment for imports: IMPORT_MAX_FILE_BYTES must be a whole number of bytes, 1024 or more',
    );
  }
  return { maxFileBytes };
}
