/**
 * Reads a product file (CSV from Excel/WPS/a POS: item no., name, cost, stock at period start and
 * end, target) with the importer's own pieces — encoding detection, delimiter and header-row
 * finding, column matching, number cleaning — and its own header words. Cost, price and target are
 * in yuan (stored as fen); stock in units.
 */
import type { Product } from '../customers/customer';
import { decodeBytes, type DecodeError } from '../import/decode';
import { headerKey } from '../import/fields';
import { autoMap, findHeaderRow } from '../import/mapping';
import { parseRows, type ParseError } from '../import/parse';
import { parseDecimal, toFen } from '../import/values/number';
import { cleanCell } from '../import/values/text';
import { err, ok, type Result } from '../result';

export const productFields = ['code', 'name', 'category', 'price', 'cost', 'stockOpen', 'stockClose', 'target'] as const;
export type ProductField = (typeof productFields)[number];

const synonyms: Record<ProductField, string[]> = {
  code: ['货号', '商品编码', '商品编号', '款号', '产品编号', '产品编码', '产品代码', '商品代码', '编码', 'sku', 'stockcode', 'itemno', 'itemcode', 'productcode', 'productid', 'code'],
  name: ['品名', '商品名称', '产品名称', '货品名称', '名称', 'name', 'productname', 'itemname', 'description'],
  category: ['类别', '品类', '分类', '商品类别', 'category'],
  price: ['零售价', '售价', '吊牌价', '标价', 'price', 'listprice', 'retailprice'],
  cost: ['成本', '单位成本', '成本价', '进价', '进货价', 'cost', 'unitcost', 'costprice'],
  stockOpen: ['期初库存', '月初库存', '期初数量', '期初', '期初库存量', 'openingstock', 'stockopen', 'openingqty', 'opening', 'beginninginventory'],
  stockClose: ['期末库存', '月末库存', '期末数量', '期末', '期末库存量', 'closingstock', 'stockclose', 'closingqty', 'closing', 'endinginventory'],
  target: ['销售目标', '目标', '目标销售额', '销售任务', 'target', 'salestarget'],
};
const byKey = new Map<string, ProductField>();
for (const field of productFields) for (const word of synonyms[field]) byKey.set(headerKey(word), field);
export const productFieldFor = (header: string): ProductField | null => byKey.get(headerKey(header)) ?? null;

/** What a row gives: the code and only the fields the file has (others stay as stored). */
export type ProductPatch = Pick<Product, 'code'> & Partial<Omit<Product, 'code'>>;

export type ProductRowProblem = { line: number; code: 'products.rowNoCode' } | { line: number; code: 'products.rowBadNumber'; field: ProductField; raw: string };
export type ProductFileError = DecodeError | ParseError | { code: 'products.noCodeColumn' };

export interface ProductFile {
  patches: ProductPatch[];
  problems: ProductRowProblem[];
  /** The columns recognised, in file order. */
  fields: ProductField[];
}

const moneyFields = new Set<ProductField>(['price', 'cost', 'target']);

export function readProductFile(bytes: Uint8Array): Result<ProductFile, ProductFileError> {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseRows(decoded.value.text);
  if (!parsed.ok) return parsed;
  const { rows, lines } = parsed.value;
  const headerAt = findHeaderRow(rows, productFieldFor);
  const mapping = autoMap(rows[headerAt] ?? [], productFieldFor);
  if (!mapping.includes('code')) return err({ code: 'products.noCodeColumn' });
  const patches = new Map<string, ProductPatch>();
  const problems: ProductRowProblem[] = [];
  for (let r = headerAt + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = lines[r]!;
    if (row.every((cell) => cleanCell(cell) === '')) continue;
    const patch: Partial<ProductPatch> = {};
    let bad = false;
    mapping.forEach((field, i) => {
      if (!field || bad) return;
      const raw = cleanCell(row[i] ?? '');
      if (field === 'code' || field === 'name' || field === 'category') {
        if (raw !== '') patch[field] = raw;
        return;
      }
      if (raw === '') return;
      const n = parseDecimal(raw);
      if (!n.ok || n.value < 0) {
        problems.push({ line, code: 'products.rowBadNumber', field, raw });
        bad = true;
        return;
      }
      patch[field] = moneyFields.has(field) ? toFen(n.value) : n.value;
    });
    if (bad) continue;
    if (!patch.code) {
      problems.push({ line, code: 'products.rowNoCode' });
      continue;
    }
    // A code listed twice: the later row wins, as in the spreadsheet's last edit.
    patches.set(patch.code, { ...patches.get(patch.code), ...patch } as ProductPatch);
  }
  return ok({ patches: [...patches.values()], problems, fields: mapping.filter((f): f is ProductField => f !== null) });
}

/** A patch applied to the stored product (or a new one: unnamed products take their code as name). */
export function applyPatch(stored: Product | undefined, patch: ProductPatch): Product {
  const base: Product = stored ?? { code: patch.code, name: patch.code, category: '', price: 0 };
  return { ...base, ...patch };
}
