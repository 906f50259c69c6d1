import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** The encodings we ask for; each one has a decoder below. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

const decoders: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** Why reading stopped early; the transport turns it into the public error. */
export class BodyLimitExceeded extends Error {
  readonly decompressed: boolean;

  constructor(decompressed: boolean) {
    super(`the body exceeded the byte limit${decompressed ? ' once decompressed' : ''}`);
    this.decompressed = decompressed;
  }
}

/**
 * Reads a response body into UTF-8 text, decoding its Content-Encoding (possibly several, applied in order) as a
 * stream. At most `maxBytes` are taken from the wire and at most `maxBytes` come out of the decoders: a huge or
 * endless body, or a small gzip bomb, stops there with BodyLimitExceeded instead of filling memory. `signal`
 * (the attempt's deadline and the caller's abort) stops the read and the decompression at once.
 */
export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  signal: AbortSignal,
): Promise<string> {
  const steps: Transform[] = contentEncodings(contentEncoding).map((encoding) => {
    const decoder = decoders[encoding];
    if (!decoder) throw new Error(`unsupported Content-Encoding "${encoding}"`);
    return decoder();
  });
  const chunks: Buffer[] = [];
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  };
  const stages = [body, limitTo(maxBytes, false), ...steps, ...(steps.length > 0 ? [limitTo(maxBytes, true)] : [])];
  // Node accepts a list of streams and async generator functions; its type declarations only know streams.
  await pipeline([...stages, collect] as unknown as NodeJS.ReadWriteStream[], { signal });
  return Buffer.concat(chunks).toString('utf8');
}

/** The encodings in the order they must be undone (the header lists them in the order they were applied). */
function contentEncodings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== '' && encoding !== 'identity')
    .reverse();
}

/** A pipeline step that passes chunks on until more than `maxBytes` went through, then fails. */
function limitTo(maxBytes: number, decompressed: boolean) {
  return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let total = 0;
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw new BodyLimitExceeded(decompressed);
      yield chunk;
    }
  };
}
