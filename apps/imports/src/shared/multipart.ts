import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { DomainError } from '@itsm/domain';

export interface MultipartLimits {
  /** the file's size in bytes: beyond it the upload is refused (`truncate`: kept cut short instead) */
  fileBytes: number;
  truncate?: boolean;
}

export interface FilePart<Result> {
  fields: Record<string, string>;
  fileName: string;
  result: Result;
  /** the file was longer than the limit and `truncate` was asked */
  truncated: boolean;
}

/**
 * Reads a multipart/form-data request as it streams in: its text fields, and its one `file`
 * handed to `consume` as a stream (never held whole in memory). Only `.csv` files are taken.
 */
export function readMultipart<Result>(
  request: IncomingMessage,
  limits: MultipartLimits,
  consume: (file: Readable, fileName: string) => Promise<Result>,
): Promise<FilePart<Result>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { files: 1, fields: 50, fieldSize: 64 * 1024, fileSize: limits.fileBytes, parts: 60 },
      });
    } catch {
      reject(
        new DomainError('invalid', 'the request must be multipart/form-data with a file field', {
          errors: [{ field: 'file', message: 'missing' }],
        }),
      );
      return;
    }
    const fields: Record<string, string> = {};
    let upload: Promise<{ fileName: string; result: Result; truncated: boolean }> | undefined;
    const fail = (error: DomainError) => {
      request.unpipe(parser);
      request.resume(); // let the client finish sending, then answer
      reject(error);
    };
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, file, info) => {
      const fileName = info.filename ?? '';
      if (name !== 'file' || !/\.csv$/i.test(fileName)) {
        file.resume();
        return fail(
          new DomainError('invalid', 'the file must be a .csv file sent as the field "file"', {
            errors: [{ field: 'file', message: 'a .csv file' }],
          }),
        );
      }
      let truncated = false;
      const tooLarge = () =>
        new DomainError('too_large', `the file is larger than ${limits.fileBytes} bytes`, {
          details: { limitBytes: limits.fileBytes },
        });
      upload = consume(file, fileName).then(
        (result) => {
          if (truncated && !limits.truncate) throw tooLarge();
          return { fileName, result, truncated };
        },
        (error: unknown) => {
          throw truncated && !limits.truncate ? tooLarge() : error;
        },
      );
      upload.catch(() => undefined); // awaited below
      const stored = upload;
      file.on('limit', () => {
        truncated = true;
        if (limits.truncate) return;
        // busboy stops on a destroyed file and never closes: answer once what was stored is gone
        file.destroy(new Error('too large'));
        void stored.catch(() => fail(tooLarge()));
      });
      // a client that leaves mid-upload: what was stored of its file is removed, nothing waits for it
      request.once('close', () => {
        if (!request.complete) file.destroy(new Error('the upload was cut short'));
      });
    });
    parser.on('error', () => fail(new DomainError('invalid', 'the multipart body is malformed')));
    parser.on('close', () => {
      if (!upload)
        return reject(
          new DomainError('invalid', 'no file was sent', { errors: [{ field: 'file', message: 'missing' }] }),
        );
      void upload.then(({ fileName, result, truncated }) => resolve({ fields, fileName, result, truncated }), reject);
    });
    request.pipe(parser);
  });
}
