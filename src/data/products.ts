/** The product file (code, name, cost, stock at period start and end, target): read and hand edits. */
import type { Product } from '../lib/customers/customer';
import { applyPatch, type ProductPatch } from '../lib/products/file';
import { err, ok, type Result } from '../lib/result';
import type { KeqingDb } from './db';

export const readProducts = (db: KeqingDb): Promise<Product[]> => db.products.orderBy('code').toArray();

export type ProductError = { code: 'products.codeRequired' } | { code: 'products.codeTaken' } | { code: 'products.badNumber'; field: string };

const numberFields = ['price', 'cost', 'stockOpen', 'stockClose', 'target'] as const;

function check(p: Product): Result<Product, ProductError> {
  if (p.code.trim() === '') return err({ code: 'products.codeRequired' });
  for (const f of numberFields) {
    const v = p[f];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) return err({ code: 'products.badNumber', field: f });
  }
  return ok(p);
}

export async function addProduct(db: KeqingDb, product: Product): Promise<Result<void, ProductError>> {
  const r = check({ ...product, code: product.code.trim() });
  if (!r.ok) return r;
  return db.transaction('rw', db.products, async () => {
    if (await db.products.get(r.value.code)) return err({ code: 'products.codeTaken' as const });
    await db.products.add(r.value);
    return ok(undefined);
  });
}

/** Replaces one product's fields (its code stays). */
export async function updateProduct(db: KeqingDb, product: Product): Promise<Result<void, ProductError>> {
  const r = check(product);
  if (!r.ok) return r;
  await db.products.put(r.value);
  return ok(undefined);
}

export interface ProductMerge {
  added: number;
  updated: number;
}

/** Stores a product file's rows in one transaction: known codes get the file's fields, new codes are added. */
export async function mergeProducts(db: KeqingDb, patches: readonly ProductPatch[]): Promise<ProductMerge> {
  return db.transaction('rw', db.products, async () => {
    const stored = await db.products.bulkGet(patches.map((p) => p.code));
    await db.products.bulkPut(patches.map((p, i) => applyPatch(stored[i], p)));
    const added = stored.filter((s) => s === undefined).length;
    return { added, updated: patches.length - added };
  });
}
