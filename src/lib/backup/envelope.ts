/**
 * The encrypted backup envelope (format described in format.ts): the backup file (a container;
 * gzip before format 2) cut into 1 MiB chunks, each sealed with AES-256-GCM under a key derived
 * from the passphrase by PBKDF2-SHA-256. Chunked rather than one GCM call so a store of a million
 * purchase lines is encrypted and decrypted as a stream, never as one buffer; every chunk's
 * associated data names the header, its index and whether it is the last, so chunks cannot be
 * dropped, reordered, cut off at a chunk boundary or moved between files without failing their check.
 *
 * Header (58 bytes):
 *   0  8  magic "KQBKENC\0"
 *   8  1  envelope version (1)
 *   9  1  key derivation: 1 = PBKDF2-SHA-256
 *  10  4  iterations (uint32, big-endian)
 *  14 16  salt (random)
 *  30  8  nonce (random): chunk i's 12-byte IV is nonce ‖ uint32 i
 *  38  4  plaintext bytes per full chunk (uint32)
 *  42 16  key check: the GCM tag of nothing, IV nonce ‖ 0xFFFFFFFF, AAD bytes 0–41 ‖ "check"
 * Body: chunks of (chunk size + 16) bytes, the last one shorter (an empty last chunk when the
 * plaintext fills whole chunks). AAD of chunk i: bytes 0–41 ‖ uint32 i ‖ (1 if last else 0).
 *
 * The key check tells a wrong passphrase (or an edited header) from a damaged body before any
 * row is read. Uses WebCrypto only: runs in the backup worker, in the page and in Node tests.
 */
import { err, ok, type Result } from '../result';

export const ENVELOPE_MAGIC = new Uint8Array([0x4b, 0x51, 0x42, 0x4b, 0x45, 0x4e, 0x43, 0x00]); // "KQBKENC\0"
export const ENVELOPE_VERSION = 1;
const KDF_PBKDF2_SHA256 = 1;
const PREFIX_BYTES = 42;
export const ENVELOPE_HEADER_BYTES = PREFIX_BYTES + 16;
const TAG_BYTES = 16;
export const BACKUP_KDF_ITERATIONS = 600_000;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/** A forged header must not make the reader spin for minutes, nor allocate gigabytes per chunk. */
const MAX_ITERATIONS = 10_000_000;
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;
export const MIN_PASSPHRASE = 8;

export type EnvelopeError =
  | { code: 'backup.needsPassphrase' }
  | { code: 'backup.wrongPassphrase' }
  | { code: 'backup.badEnvelope' }
  | { code: 'backup.newerEnvelope'; version: number }
  | { code: 'backup.tampered'; chunk: number }
  | { code: 'backup.noCrypto' };

export type PassphraseError = { code: 'backup.passphraseShort' } | { code: 'backup.passphraseMismatch' };

export function validatePassphrase(passphrase: string, repeat: string): Result<string, PassphraseError> {
  if ([...passphrase].length < MIN_PASSPHRASE) return err({ code: 'backup.passphraseShort' });
  if (passphrase !== repeat) return err({ code: 'backup.passphraseMismatch' });
  return ok(passphrase);
}

export async function isEnvelope(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, ENVELOPE_MAGIC.length).arrayBuffer());
  return head.length === ENVELOPE_MAGIC.length && head.every((b, i) => b === ENVELOPE_MAGIC[i]);
}

const hasCrypto = () => typeof crypto !== 'undefined' && typeof crypto.subtle?.importKey === 'function';

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

function iv(nonce: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12);
  out.set(nonce, 0);
  new DataView(out.buffer).setUint32(8, index >>> 0);
  return out;
}

function chunkAad(prefix: Uint8Array, index: number, last: boolean): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(PREFIX_BYTES + 5);
  out.set(prefix, 0);
  new DataView(out.buffer).setUint32(PREFIX_BYTES, index);
  out[PREFIX_BYTES + 4] = last ? 1 : 0;
  return out;
}

const CHECK_INDEX = 0xffffffff;
const checkAad = (prefix: Uint8Array) => {
  const out = new Uint8Array(PREFIX_BYTES + 5);
  out.set(prefix, 0);
  out.set(new TextEncoder().encode('check'), PREFIX_BYTES);
  return out;
};

export interface EncryptOptions {
  iterations?: number;
  chunkBytes?: number;
  /** For tests only: fixed randomness. */
  salt?: Uint8Array;
  nonce?: Uint8Array;
}

/** Seals a backup file; the plaintext is read a chunk at a time from the Blob. */
export async function encryptBackup(plain: Blob, passphrase: string, options: EncryptOptions = {}): Promise<Blob> {
  const iterations = options.iterations ?? BACKUP_KDF_ITERATIONS;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const nonce = options.nonce ?? crypto.getRandomValues(new Uint8Array(8));
  const prefix = new Uint8Array(PREFIX_BYTES);
  prefix.set(ENVELOPE_MAGIC, 0);
  prefix[8] = ENVELOPE_VERSION;
  prefix[9] = KDF_PBKDF2_SHA256;
  const view = new DataView(prefix.buffer);
  view.setUint32(10, iterations);
  prefix.set(salt, 14);
  prefix.set(nonce, 30);
  view.setUint32(38, chunkBytes);
  const key = await deriveKey(passphrase, salt, iterations);
  const check = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv(nonce, CHECK_INDEX), additionalData: checkAad(prefix) }, key, new Uint8Array(0)));
  const parts: BlobPart[] = [prefix, check];
  // Chunks that fill the plaintext exactly are followed by an empty last chunk: the last is always short.
  const count = Math.floor(plain.size / chunkBytes) + 1;
  for (let i = 0; i < count; i++) {
    const bytes = await plain.slice(i * chunkBytes, (i + 1) * chunkBytes).arrayBuffer();
    const last = i === count - 1;
    parts.push(new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv(nonce, i), additionalData: chunkAad(prefix, i, last) }, key, bytes)));
  }
  return new Blob(parts, { type: 'application/octet-stream' });
}

export interface OpenedEnvelope {
  /** The decrypted bytes (the backup file) as a stream; it errors if a chunk fails its check (see `failure`). */
  plain: ReadableStream<Uint8Array>;
  /** Set once a chunk has failed: the reason the stream errored. */
  failure(): EnvelopeError | null;
}

/**
 * Checks the header and the passphrase, then decrypts the body as it is read.
 * `counted` wraps the body stream (the caller's progress).
 */
export async function openEnvelope(
  file: Blob,
  passphrase: string | undefined,
  counted: (body: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array> = (b) => b,
): Promise<Result<OpenedEnvelope, EnvelopeError>> {
  const header = new Uint8Array(await file.slice(0, ENVELOPE_HEADER_BYTES).arrayBuffer());
  if (header.length < ENVELOPE_HEADER_BYTES) return err({ code: 'backup.badEnvelope' });
  const prefix = header.slice(0, PREFIX_BYTES);
  const view = new DataView(prefix.buffer);
  if (prefix[8]! > ENVELOPE_VERSION) return err({ code: 'backup.newerEnvelope', version: prefix[8]! });
  const iterations = view.getUint32(10);
  const chunkBytes = view.getUint32(38);
  if (prefix[8] !== ENVELOPE_VERSION || prefix[9] !== KDF_PBKDF2_SHA256 || iterations < 1 || iterations > MAX_ITERATIONS || chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
    return err({ code: 'backup.badEnvelope' });
  }
  if (passphrase === undefined || passphrase === '') return err({ code: 'backup.needsPassphrase' });
  if (!hasCrypto()) return err({ code: 'backup.noCrypto' });
  const salt = prefix.slice(14, 30);
  const nonce = prefix.slice(30, 38);
  const key = await deriveKey(passphrase, salt, iterations);
  try {
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv(nonce, CHECK_INDEX), additionalData: checkAad(prefix) }, key, header.slice(PREFIX_BYTES));
  } catch {
    return err({ code: 'backup.wrongPassphrase' });
  }

  let failure: EnvelopeError | null = null;
  const full = chunkBytes + TAG_BYTES;
  let pending = new Uint8Array(0);
  let index = 0;
  let sawLast = false;
  const open = async (sealed: Uint8Array, last: boolean): Promise<Uint8Array> => {
    try {
      const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv(nonce, index), additionalData: chunkAad(prefix, index, last) }, key, sealed as Uint8Array<ArrayBuffer>));
      index++;
      return plain;
    } catch {
      failure = { code: 'backup.tampered', chunk: index + 1 };
      throw new Error('backup.tampered');
    }
  };
  const decrypt = new TransformStream<Uint8Array, Uint8Array>({
    async transform(bytes, controller) {
      if (sawLast) {
        failure = { code: 'backup.tampered', chunk: index + 1 };
        throw new Error('backup.tampered');
      }
      const joined = new Uint8Array(pending.length + bytes.length);
      joined.set(pending, 0);
      joined.set(bytes, pending.length);
      let at = 0;
      // Keep at least one full chunk back until more arrives: only the stream's end says which chunk is last.
      while (joined.length - at > full) {
        controller.enqueue(await open(joined.subarray(at, at + full), false));
        at += full;
      }
      pending = joined.slice(at);
    },
    async flush(controller) {
      // The last chunk is always shorter than a full one; a full one at the end means chunks are missing.
      if (pending.length < TAG_BYTES || pending.length >= full) {
        failure = { code: 'backup.tampered', chunk: index + 1 };
        throw new Error('backup.tampered');
      }
      sawLast = true;
      controller.enqueue(await open(pending, true));
    },
  });
  return ok({ plain: counted(file.slice(ENVELOPE_HEADER_BYTES).stream()).pipeThrough(decrypt), failure: () => failure });
}
