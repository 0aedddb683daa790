/** Checks every row of a backup before anything is written: a bad file must leave the store as it was. */
import { batchKinds, storeTables, type StoreRows, type StoreTable } from '../store-rows';
import { columnsAreConsistent } from '../purchases/columns';
import { err, ok, type Result } from '../result';

export type RowProblem = 'notObject' | 'badKey' | 'duplicateKey' | 'badField' | 'badColumns' | 'unknownBatch';

export type TablesError =
  | { code: 'backup.unknownTable'; table: string }
  | { code: 'backup.badRow'; table: StoreTable; row: number; problem: RowProblem; field?: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
const isText = (v: unknown) => typeof v === 'string';
const isOptionalText = (v: unknown) => v === undefined || typeof v === 'string';
const isOptionalNumber = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));

type Check = (row: Record<string, unknown>) => { problem: RowProblem; field?: string } | null;

const fields = (spec: Record<string, (v: unknown) => boolean>): Check => (row) => {
  for (const [field, test] of Object.entries(spec)) if (!test(row[field])) return { problem: 'badField', field };
  return null;
};

const checks: Record<StoreTable, { key: string; isKey: (v: unknown) => boolean; check: Check }> = {
  settings: { key: 'key', isKey: isText, check: () => null },
  products: { key: 'code', isKey: isText, check: fields({ name: isText, category: isOptionalText, price: isOptionalNumber, cost: isOptionalNumber }) },
  customers: {
    key: 'id',
    isKey: isId,
    check: fields({ name: isText, externalId: isOptionalText, phone: isOptionalText, cardNo: isOptionalText, birthday: isOptionalText, createdAt: isText, updatedAt: isText }),
  },
  purchaseBatches: {
    key: 'id',
    isKey: isId,
    check: fields({ kind: (v) => batchKinds.includes(v as never), label: isText, at: isText, summary: isObject }),
  },
  purchaseChunks: {
    key: 'id',
    isKey: isId,
    check: (row) => {
      if (!isId(row.batchId)) return { problem: 'badField', field: 'batchId' };
      if (!isObject(row.columns) || !columnsAreConsistent(row.columns as never)) return { problem: 'badColumns', field: 'columns' };
      return null;
    },
  },
};

export function validateTables(tables: Record<string, unknown[]>): Result<StoreRows, TablesError> {
  for (const name of Object.keys(tables)) if (!storeTables.includes(name as StoreTable)) return err({ code: 'backup.unknownTable', table: name });
  for (const table of storeTables) {
    const { key, isKey, check } = checks[table];
    const seen = new Set<unknown>();
    const rows = tables[table] ?? [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const bad = (problem: RowProblem, field?: string) => err({ code: 'backup.badRow' as const, table, row: i + 1, problem, ...(field ? { field } : {}) });
      if (!isObject(row)) return bad('notObject');
      if (!isKey(row[key])) return bad('badKey', key);
      if (seen.has(row[key])) return bad('duplicateKey', key);
      seen.add(row[key]);
      const problem = check(row);
      if (problem) return bad(problem.problem, problem.field);
    }
  }
  const batchIds = new Set((tables.purchaseBatches ?? []).map((b) => (b as { id: number }).id));
  const chunks = tables.purchaseChunks ?? [];
  for (let i = 0; i < chunks.length; i++) {
    if (!batchIds.has((chunks[i] as { batchId: number }).batchId)) {
      return err({ code: 'backup.badRow', table: 'purchaseChunks', row: i + 1, problem: 'unknownBatch', field: 'batchId' });
    }
  }
  const rows = Object.fromEntries(storeTables.map((t) => [t, tables[t] ?? []])) as unknown as StoreRows;
  return ok(rows);
}
