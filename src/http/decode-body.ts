import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';

const decoders: Record<string, (input: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** The encodings we ask for; each one has a decoder above. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Decodes a body per its Content-Encoding (possibly several, applied in order) into UTF-8 text. */
export async function decodeBody(raw: Buffer, contentEncoding: string | undefined): Promise<string> {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== '' && encoding !== 'identity');
  let data = raw;
  for (const encoding of encodings.reverse()) {
    const decode = decoders[encoding];
    if (!decode) throw new Error(`unsupported Content-Encoding "${encoding}"`);
    data = await decode(data);
  }
  return data.toString('utf8');
}
