import { ChunkDecoder, detectEncoding } from '../../../run/domain/text-decoding';
import { readSample } from '../../../run/domain/csv-sample';
import { proposeMapping } from '../../domain/propose-mapping';
import { fieldsOf, type TargetType } from '../../domain/target-fields';

/** How much of a sample file is read: enough for a header and 20 lines of any sensible file. */
export const SAMPLE_BYTES = 256 * 1024;

/**
 * A model proposed from the first lines of a file: its delimiter and encoding, the header's columns
 * matched to the type's fields (nothing chosen as link field yet: the user picks), and a preview.
 */
export function proposeModel(targetType: TargetType, bytes: Buffer, truncated: boolean, delimiter?: string) {
  const encoding = detectEncoding(bytes);
  const text = new ChunkDecoder(encoding).decode(bytes, !truncated);
  const sample = readSample(text, truncated, delimiter);
  return {
    targetType,
    options: { delimiter: sample.delimiter, encoding, headerPresent: true },
    mapping: proposeMapping(targetType, sample.header).map((column) => ({
      ...column,
      linkField: false,
      mandatory: false,
    })),
    preview: sample.lines,
    fields: fieldsOf(targetType).map(({ field, labels, table, linkable }) => ({
      field,
      labels,
      table: table ?? null,
      linkable: linkable ?? false,
    })),
  };
}
