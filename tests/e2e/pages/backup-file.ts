/**
 * Reads a downloaded backup container (format 2) in the test, independently of the app's reader:
 * its JSON text (the inflated text parts) and the number of binary array parts.
 * Layout: src/lib/backup/container.ts.
 */
import { inflateRawSync } from 'node:zlib';

export function readContainer(bytes: Buffer): { text: string; arrays: number } {
  if (bytes.subarray(0, 8).toString('latin1') !== 'KQBACKUP') throw new Error('not a Keqing backup container');
  const texts: Buffer[] = [];
  let arrays = 0;
  for (let at = 12; at < bytes.length; ) {
    const kind = bytes[at]!;
    const packed = bytes[at + 3] === 1;
    const length = bytes.readUInt32LE(at + 12);
    const payload = bytes.subarray(at + 20, at + 20 + length);
    if (kind === 1) texts.push(packed ? inflateRawSync(payload) : payload);
    if (kind === 2) arrays++;
    at += 20 + length;
  }
  return { text: Buffer.concat(texts).toString('utf8'), arrays };
}
