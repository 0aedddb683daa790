/** The backup's typed-array codec (lib/backup/binary): every kind back bit for bit, the smallest form chosen, bad bytes refused. */
import { describe, expect, it } from 'vitest';
import { ArrayCodec, ArrayDecodeError, arrayKinds, crc32, decodeArray, encodeArray, type AnyTypedArray } from '../../src/lib/backup/binary';

const roundTrip = (a: AnyTypedArray) => {
  const e = encodeArray(a);
  return { e, back: decodeArray(e.kind, e.codec, e.count, e.bytes.slice()) };
};

const problem = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ArrayDecodeError) return e.problem;
    throw e;
  }
  return null;
};

describe('encodeArray / decodeArray', () => {
  it('gives back every kind of array exactly, values and type', () => {
    const arrays: AnyTypedArray[] = [
      Int8Array.of(-128, 0, 127, 5),
      Uint8Array.of(0, 255, 128, 1),
      Int16Array.of(-32_768, 32_767, 0, -1),
      Uint16Array.of(65_535, 0, 7, 7),
      Int32Array.of(-2_147_483_648, 2_147_483_647, 0, -1, 19_000),
      Uint32Array.of(4_294_967_295, 0, 2_147_483_648, 1),
      Float32Array.of(1.5, -0, Number.NaN, 3.4e38),
      Float64Array.of(12_345, -0.5, 0.1 + 0.2, Number.NaN, -Infinity, 1e300),
    ];
    expect(arrays.map((a) => a.constructor.name)).toEqual([...arrayKinds]);
    for (const a of arrays) {
      const { back } = roundTrip(a);
      expect(back.constructor).toBe(a.constructor);
      // Bytes equal: NaN payloads and -0 survive too.
      expect(new Uint8Array(back.buffer, back.byteOffset, back.byteLength)).toEqual(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
  });

  it('writes counting columns as deltas: 100, 101, 102, 103 in 5 bytes', () => {
    const { e, back } = roundTrip(Int32Array.of(100, 101, 102, 103));
    // zigzag(100) = 200 = 0xC8 0x01 as a varint; then +1 three times: zigzag(1) = 2.
    expect(e).toMatchObject({ codec: ArrayCodec.delta, count: 4 });
    expect([...e.bytes]).toEqual([0xc8, 0x01, 0x02, 0x02, 0x02]);
    expect([...back]).toEqual([100, 101, 102, 103]);
  });

  it('writes scattered small numbers as plain varints, either sign', () => {
    // zigzag: 3 → 6, -3 → 5, 60 → 120, -60 → 119 (one byte each); deltas would be larger.
    const { e, back } = roundTrip(Int32Array.of(3, -3, 60, -60));
    expect(e.codec).toBe(ArrayCodec.varint);
    expect([...e.bytes]).toEqual([6, 5, 120, 119]);
    expect([...back]).toEqual([3, -3, 60, -60]);
  });

  it('writes whole-fen amounts of a Float64 column as varints and decodes them to the same doubles', () => {
    const { e, back } = roundTrip(Float64Array.of(2_000, 81_999, -5, 0));
    expect(e.codec).toBe(ArrayCodec.varint);
    expect(e.bytes.length).toBeLessThan(4 * 8);
    expect(back).toBeInstanceOf(Float64Array);
    expect([...back]).toEqual([2_000, 81_999, -5, 0]);
  });

  it('keeps a Float64 column with a fraction, -0 or a value past int32 as raw bytes', () => {
    for (const values of [[1, 0.5], [1, -0], [1, 2_147_483_648], [1, Number.NaN]]) {
      const { e, back } = roundTrip(Float64Array.from(values));
      expect(e.codec).toBe(ArrayCodec.raw);
      expect(Object.is(back[1], values[1])).toBe(true);
    }
  });

  it('writes one value throughout (no points: NaN) as a single element', () => {
    const { e, back } = roundTrip(new Float64Array(10_000).fill(Number.NaN));
    expect(e).toMatchObject({ codec: ArrayCodec.constant, count: 10_000 });
    expect(e.bytes.length).toBe(8);
    expect(back.length).toBe(10_000);
    expect(back.every((v) => Number.isNaN(v))).toBe(true);
    expect(roundTrip(new Int32Array(500).fill(-1)).e.bytes.length).toBe(4);
  });

  it('keeps an empty array and a single value', () => {
    for (const a of [new Int32Array(0), new Float64Array(0), Uint8Array.of(9)]) {
      const { e, back } = roundTrip(a);
      expect(e.codec).toBe(ArrayCodec.raw);
      expect([...back]).toEqual([...a]);
      expect(back.constructor).toBe(a.constructor);
    }
  });

  it('keeps random int32 values that no varint shortens as raw bytes', () => {
    const a = Int32Array.from({ length: 1_000 }, (_, i) => Math.imul(i + 1, 2_654_435_761));
    const { e, back } = roundTrip(a);
    expect(e.codec).toBe(ArrayCodec.raw);
    expect(back).toEqual(a);
  });

  it('encodes a window on a larger buffer as that window only', () => {
    const whole = Int32Array.of(7, 8, 9, 10, 11);
    const { back } = roundTrip(whole.subarray(1, 4));
    expect([...back]).toEqual([8, 9, 10]);
  });

  it('refuses bytes that do not decode to exactly the declared array', () => {
    const int32 = arrayKinds.indexOf('Int32Array');
    const uint8 = arrayKinds.indexOf('Uint8Array');
    expect(problem(() => decodeArray(8, ArrayCodec.raw, 0, new Uint8Array(0)))).toBe('kind');
    expect(problem(() => decodeArray(int32, 9, 1, Uint8Array.of(0)))).toBe('codec');
    expect(problem(() => decodeArray(uint8, ArrayCodec.varint, 1, Uint8Array.of(0)))).toBe('codec');
    expect(problem(() => decodeArray(int32, ArrayCodec.raw, 2, new Uint8Array(7)))).toBe('length');
    expect(problem(() => decodeArray(int32, ArrayCodec.constant, 3, new Uint8Array(3)))).toBe('length');
    expect(problem(() => decodeArray(int32, ArrayCodec.constant, 1, new Uint8Array(4)))).toBe('length');
    // A varint cut off, bytes left over, more values declared than bytes (refused before allocating).
    expect(problem(() => decodeArray(int32, ArrayCodec.varint, 1, Uint8Array.of(0x80)))).toBe('length');
    expect(problem(() => decodeArray(int32, ArrayCodec.varint, 1, Uint8Array.of(1, 2)))).toBe('length');
    expect(problem(() => decodeArray(int32, ArrayCodec.delta, 2 ** 31, Uint8Array.of(1, 2)))).toBe('length');
    // A number past 32 bits: the fifth byte may carry only 4.
    expect(problem(() => decodeArray(int32, ArrayCodec.varint, 1, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x1f)))).toBe('numbers');
    expect(problem(() => decodeArray(int32, ArrayCodec.varint, 1, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x8f, 0x01)))).toBe('numbers');
    // The largest zigzag value is fine: 0xFFFFFFFF is -2,147,483,648.
    expect([...decodeArray(int32, ArrayCodec.varint, 1, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f))]).toEqual([-2_147_483_648]);
  });
});

describe('crc32', () => {
  it('is the standard CRC-32 (the check value of "123456789" is CBF43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    // Lengths that are not a multiple of four: the byte-at-a-time tail.
    expect(crc32(new TextEncoder().encode('12345678'))).toBe(0x9ae0daaf);
    expect(crc32(new TextEncoder().encode('a'))).toBe(0xe8b7be43);
  });
});
