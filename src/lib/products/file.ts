/**
 * Reads a product file (CSV from Excel/WPS/a POS: item no., name, cost, stock at period start and
 * end, target) with the importer's own pieces — encoding detection, delimiter and header-row
 * finding, column matching, number cleaning — and its own header words. Cost, price and target are
 * in yuan (stored as fen); stock in units.
 */
import type { Product } from '../customers/customer';
import { openFile, type FileError } from '../import/analyse';
import { convertRecordFile, fieldLookup, resolveRecordSettings, type RecordKind } from '../import/records';
import { parseDecimal, toFen } from '../import/values/number';
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

/** What a row gives: the code and only the fields the file has (others stay as stored). */
export type ProductPatch = Pick<Product, 'code'> & Partial<Omit<Product, 'code'>>;

export type ProductRowProblem = { line: number; code: 'products.rowNoCode' } | { line: number; code: 'products.rowBadNumber'; field: ProductField; raw: string };
export type ProductFileError = FileError | { code: 'products.noCodeColumn' };

export interface ProductFile {
  patches: ProductPatch[];
  problems: ProductRowProblem[];
  /** The columns recognised, in file order. */
  fields: ProductField[];
}

const moneyFields = new Set<ProductField>(['price', 'cost', 'target']);
const yuan = (fen: number | undefined) => (fen === undefined ? '' : String(fen / 100));

/** The product file as a kind of the shared record importer (lib/import/records). */
export const productKind: RecordKind<ProductField, ProductPatch, ProductPatch[]> = {
  fields: productFields,
  synonyms,
  mappingProblems: (mapping) => (mapping.includes('code') ? [] : [{ code: 'products.noCodeColumn' }]),
  row: (cell, { problem }) => {
    const patch: Partial<ProductPatch> = {};
    for (const field of productFields) {
      const raw = cell(field);
      if (raw === '') continue;
      if (field === 'code' || field === 'name' || field === 'category') {
        patch[field] = raw;
        continue;
      }
      const n = parseDecimal(raw);
      if (!n.ok || n.value < 0) problem(field, raw, 'products.rowBadNumber');
      else patch[field] = moneyFields.has(field) ? toFen(n.value) : n.value;
    }
    if (!patch.code) {
      problem(null, '', 'products.rowNoCode');
      return null;
    }
    return patch as ProductPatch;
  },
  finish: (records) => {
    const patches = new Map<string, ProductPatch>();
    // A code listed twice: the later row wins, as in the spreadsheet's last edit.
    for (const { record } of records) patches.set(record.code, { ...patches.get(record.code), ...record });
    const output = [...patches.values()];
    const sample = output.slice(0, 20).map((p) => [p.code, p.name ?? '', yuan(p.cost), p.stockOpen === undefined ? '' : String(p.stockOpen), p.stockClose === undefined ? '' : String(p.stockClose), yuan(p.target)]);
    return { output, summary: { products: output.length }, sample };
  },
  sampleColumns: ['code', 'name', 'cost', 'stockOpen', 'stockClose', 'target'],
};

export const productFieldFor = fieldLookup(productKind);

/** The whole file at once (no preview): what the record importer would write, with its row problems. */
export function readProductFile(bytes: Uint8Array): Result<ProductFile, ProductFileError> {
  const opened = openFile(bytes);
  if (!opened.ok) return opened;
  const s = resolveRecordSettings(opened.value, productKind, {});
  if (productKind.mappingProblems(s.mapping as (ProductField | null)[]).length) return err({ code: 'products.noCodeColumn' });
  const converted = convertRecordFile(productKind, opened.value, s);
  if (!converted.ok) return converted;
  const problems = converted.value.problems.map((p): ProductRowProblem =>
    p.code === 'products.rowBadNumber' ? { line: p.line, code: 'products.rowBadNumber', field: productFieldFor(p.column ?? '')!, raw: p.value } : { line: p.line, code: 'products.rowNoCode' },
  );
  return ok({ patches: converted.value.output, problems, fields: s.mapping.filter((f): f is ProductField => f !== null) });
}

/** A patch applied to the stored product (or a new one: unnamed products take their code as name). */
export function applyPatch(stored: Product | undefined, patch: ProductPatch): Product {
  const base: Product = stored ?? { code: patch.code, name: patch.code, category: '', price: 0 };
  return { ...base, ...patch };
}
