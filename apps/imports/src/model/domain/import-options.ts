import type { DateFormat, FloatFormat } from '../../run/domain/csv-values';

export const ENCODINGS = ['auto', 'utf-8', 'windows-1252'] as const;

/** One character, but not the quote nor a line break, which CSV already gives a meaning: the file would not read. */
export const DELIMITER = /^[^"\r\n]$/;
export const DELIMITER_RULE = 'one character, not a quote nor a line break';
export type Encoding = (typeof ENCODINGS)[number];

/** A model's options, with Data Injection's defaults (glpi-reference §5.1). */
export interface ImportOptions {
  allowCreation: boolean;
  allowUpdate: boolean;
  allowDropdownCreation: boolean;
  overwriteNonEmptyFields: boolean;
  dateFormat: DateFormat;
  floatFormat: FloatFormat;
  delimiter: string;
  headerPresent: boolean;
  /** ISO-8859-1 is read as Windows-1252, its superset, as browsers do */
  encoding: Encoding;
  /** multiline text replaces the stored value, or is appended to it (the plugin's default before 2.15) */
  multilineValues: 'replace' | 'append';
}

export const DEFAULT_OPTIONS: ImportOptions = {
  allowCreation: true,
  allowUpdate: false,
  allowDropdownCreation: false,
  overwriteNonEmptyFields: true,
  dateFormat: 'yyyy-mm-dd',
  floatFormat: 'dot',
  delimiter: ';',
  headerPresent: true,
  encoding: 'auto',
  multilineValues: 'append',
};
