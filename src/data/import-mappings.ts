/**
 * Mappings the user confirmed in the shared importer, remembered per kind of file and file layout
 * (lib/import/mapping headerSignature), so a file with the same headers opens as it was imported.
 * One settings row per kind and layout; the customer and activity keys are the ones used before
 * this helper, so mappings saved then still apply.
 */
import type { RecordKindId } from '../lib/import/record-kinds';
import type { KeqingDb } from './db';

export type MappingKind = 'customers' | 'activity' | RecordKindId;

const keyOf = (kind: MappingKind, signature: string) =>
  kind === 'customers' ? `importMapping:${signature}` : kind === 'activity' ? `timeuse.importMapping:${signature}` : `importMapping.${kind}:${signature}`;

/** The settings saved for this kind and layout, or null. The caller's type is the one it saved. */
export async function getImportMapping<T extends object>(db: KeqingDb, kind: MappingKind, signature: string): Promise<T | null> {
  const value = (await db.settings.get(keyOf(kind, signature)))?.value;
  return value !== null && typeof value === 'object' ? (value as T) : null;
}

/** Stores a plain copy (settings may come from rune state). */
export async function saveImportMapping<T extends object>(db: KeqingDb, kind: MappingKind, signature: string, settings: T): Promise<void> {
  await db.settings.put({ key: keyOf(kind, signature), value: JSON.parse(JSON.stringify(settings)) as T });
}
