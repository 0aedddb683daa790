/**
 * The record kinds the import worker can read (lib/import/records), by name: the page names its
 * kind, the worker holds the description (functions do not cross to a worker).
 */
import { prospectKind, type ProspectImport } from '../funnel/import';
import { productKind, type ProductPatch } from '../products/file';
import type { RecordKind } from './records';

export interface RecordOutputs {
  prospects: ProspectImport;
  products: ProductPatch[];
}
export type RecordKindId = keyof RecordOutputs;

/** Each kind's output is RecordOutputs[kind]; the worker hands it on without looking inside. */
export const recordKinds: Record<RecordKindId, RecordKind<string, unknown, unknown>> = {
  prospects: prospectKind as unknown as RecordKind<string, unknown, unknown>,
  products: productKind as unknown as RecordKind<string, unknown, unknown>,
};
