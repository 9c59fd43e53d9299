import { ChunkDecoder, detectEncoding } from './text-decoding';

describe('file encodings', () => {
  const latin1 = Buffer.from('Numéro;Imprimante\n', 'latin1');

  it('detects UTF-8 with or without BOM, and ISO-8859-1 / Windows-1252 otherwise', () => {
    expect(detectEncoding(Buffer.from('\ufeffNom;Série', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('Nom;Série', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(latin1)).toBe('windows-1252');
  });

  it('keeps UTF-8 when the sample ends inside a character', () => {
    const bytes = Buffer.from('Série é', 'utf8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe('utf-8');
  });

  it('decodes across chunk boundaries and drops the BOM', () => {
    const bytes = Buffer.from('\ufeffNuméro', 'utf8');
    const decoder = new ChunkDecoder('utf-8');
    const text = decoder.decode(bytes.subarray(0, 6)) + decoder.decode(bytes.subarray(6), true);
    expect(text).toBe('Numéro');
    expect(new ChunkDecoder('windows-1252').decode(latin1, true)).toBe('Numéro;Imprimante\n');
  });

  it('refuses a UTF-8 file with an invalid byte, saying where', () => {
    const decoder = new ChunkDecoder('utf-8');
    decoder.decode(Buffer.from('Nom;Série\n', 'utf8'));
    expect(() => decoder.decode(latin1, true)).toThrow(
      expect.objectContaining({ code: 'invalid', message: expect.stringMatching(/near byte 11/) }),
    );
  });
});
