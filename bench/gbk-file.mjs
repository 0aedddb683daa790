/** Writes a large GBK combined sales file (what a Chinese POS export looks like) for the import bench. */
import { createWriteStream } from 'node:fs';

/** A GBK encoder, from the browser-standard decoder run backwards over every two-byte code. */
function gbkEncoder() {
  const table = new Map();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return (/** @type {string} */ text) => {
    const out = [];
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) out.push(code);
      else out.push(...(table.get(ch) ?? [0x3f]));
    }
    return Buffer.from(out);
  };
}

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const given = ['芳', '娜', '敏', '静', '伟', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '晓燕', '建国'];
const items = ['真丝连衣裙', '羊毛大衣', '棉质衬衫', '针织开衫', '牛仔裤', '羽绒服', '丝巾', '皮带', '西装外套', '纯棉T恤'];

/**
 * @param {string} path @param {number} lines @param {number} customers
 * @returns {Promise<number>} bytes written
 */
export async function writeGbkSalesFile(path, lines, customers) {
  const encode = gbkEncoder();
  const out = createWriteStream(path);
  let bytes = 0;
  // mulberry32: an LCG in doubles loses its low bits and repeats early (6k customers, not 100k).
  let seed = 42;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const write = (/** @type {string} */ s) => {
    const b = encode(s);
    bytes += b.length;
    return out.write(b) ? Promise.resolve() : new Promise((r) => out.once('drain', () => r(undefined)));
  };
  await write('销售明细导出\r\n小票号,销售日期,货号,商品名称,数量,单价,实收金额,会员编号,会员姓名,手机号,城市\r\n');
  let buffer = '';
  for (let i = 0; i < lines; i++) {
    const c = Math.floor(rnd() * customers);
    const order = Math.floor(i / 2);
    const day = 1 + (order % 28);
    const month = 1 + (Math.floor(order / 28) % 12);
    const item = Math.floor(rnd() * items.length);
    const qty = 1 + Math.floor(rnd() * 3);
    const price = 99 + Math.floor(rnd() * 900);
    const name = `${surnames[c % surnames.length]}${given[c % given.length]}`;
    const phone = `13${String(100_000_000 + c).slice(0, 9)}`;
    buffer += `XP${String(order).padStart(8, '0')},2024/${month}/${day} 1${i % 10}:${String(i % 60).padStart(2, '0')},A${1000 + item},${items[item] ?? ''},${qty},${price}.00,${qty * price}.00,M${c},${name},${phone},广州\r\n`;
    if (buffer.length > 1_000_000) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(`${buffer}合计,,,,,,,,,,\r\n`);
  await new Promise((r) => out.end(() => r(undefined)));
  return bytes;
}
