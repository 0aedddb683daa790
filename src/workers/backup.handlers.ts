/**
 * The backup worker's handlers: the whole backup is made and restored here, never on the page.
 * The worker opens the database itself (Dexie works in workers, and its change events reach the
 * page's live queries), so rows never cross to the page: the page gets progress and the file.
 *
 * A restore is two calls around the user's confirmation: `read` checks the file completely and
 * computes its line keys, keeping the rows here; `restore` then writes them in one transaction.
 */
import { backupHasPin, exportBackup, restoreKeys, restoreRows, type PinChoice } from '../data/backup';
import type { KeqingDb, PurchaseKeys } from '../data/db';
import { readBackup, type BackupContents, type BackupError, type ReadOptions } from '../lib/backup/read';
import { err, ok, type Result } from '../lib/result';
import type { StoreRows } from '../lib/store-rows';
import type { CallContext } from './rpc';

/** What the restore dialog shows of a checked file (the rows stay in the worker). */
export interface BackupSummary {
  header: BackupContents['header'];
  warnings: BackupContents['warnings'];
  encrypted: boolean;
  customers: number;
  lines: number;
  /** The file carries a manager PIN: the restore must ask what to do with it. */
  hasPin: boolean;
}

export type RestoreError = { code: 'backup.notRead' };

export interface WriteArgs {
  /** ISO instant written into the file. */
  now: string;
  passphrase?: string;
  /** Only for tests: a cheap key derivation. */
  iterations?: number;
}

export function summarise(contents: BackupContents): BackupSummary {
  const { header, warnings, encrypted, rows } = contents;
  return { header, warnings, encrypted, customers: rows.customers.length, lines: rows.purchaseBatches.reduce((n, b) => n + b.summary.lines, 0), hasPin: backupHasPin(rows) };
}

export function backupHandlers(open: () => KeqingDb) {
  let db: KeqingDb | null = null;
  const database = () => (db ??= open());
  // The last file read and checked, with its line keys, until it is written or another is read.
  let held: { rows: StoreRows; keys: Omit<PurchaseKeys, 'id'>[] } | null = null;
  return {
    write: (args: WriteArgs, ctx: CallContext<number>): Promise<Blob> => exportBackup(database(), new Date(args.now), { passphrase: args.passphrase, iterations: args.iterations, onProgress: (f) => ctx.progress(f) }),
    read: async (args: { file: Blob; options: ReadOptions }, ctx: CallContext<number>): Promise<Result<BackupSummary, BackupError>> => {
      held = null;
      const read = await readBackup(args.file, (f) => ctx.progress(f), args.options);
      if (!read.ok) return read;
      // Hashed here, while the user reads the confirmation, not inside the write transaction.
      held = { rows: read.value.rows, keys: restoreKeys(read.value.rows.purchaseChunks) };
      return ok(summarise(read.value));
    },
    restore: async (args: { pin: PinChoice }): Promise<Result<null, RestoreError>> => {
      if (!held) return err({ code: 'backup.notRead' });
      const { rows, keys } = held;
      held = null;
      await restoreRows(database(), rows, args.pin, keys);
      return ok(null);
    },
    /** The user cancelled at the confirmation: let the rows go. */
    forget: (): null => {
      held = null;
      return null;
    },
  };
}

export type BackupHandlers = ReturnType<typeof backupHandlers>;
