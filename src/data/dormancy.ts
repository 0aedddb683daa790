/** The store's dormant / lost day rules (lib/dormancy), one settings row; fields missing fall back to the defaults. */
import { defaultDormancyParams, validateDormancyParams, type DormancyParams } from '../lib/dormancy';
import type { KeqingDb } from './db';

const KEY = 'dormancyParams';

export async function getDormancyParams(db: KeqingDb): Promise<DormancyParams> {
  const saved = (await db.settings.get(KEY))?.value as Partial<DormancyParams> | undefined;
  const merged = { ...defaultDormancyParams, ...saved };
  // A row that no longer passes the checks (edited by hand, restored from elsewhere) is not trusted.
  return validateDormancyParams(merged).ok ? merged : defaultDormancyParams;
}

export const saveDormancyParams = (db: KeqingDb, params: DormancyParams) => db.settings.put({ key: KEY, value: { ...params } });
