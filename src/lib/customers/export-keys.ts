/**
 * The shop's own keys for a customer, at the front of every per-customer export (issue 15 §2):
 * 客户编号 as imported, 卡号, 手机 (masked unless the full-number choice was made), 姓名, and
 * Keqing's own number. A list then joins back to the shop's records, and the customer export
 * imports again onto the same customers: every header is a word the importer maps back
 * (lib/import/fields), and 客情编号 is matched on when a customer has no shop id, card or phone.
 */
import type { CsvCell } from '../csv/export';
import { maskPhone } from '../import/values/phone';
import type { Customer } from './customer';

export type KeyCustomer = Pick<Customer, 'id' | 'name' | 'externalId' | 'cardNo' | 'phone'>;

/** The key columns, in file order; each is an import field of the same name. */
export const exportKeyColumns = ['customerId', 'cardNo', 'phone', 'name', 'keqingId'] as const;
export type ExportKeyColumn = (typeof exportKeyColumns)[number];
export type ExportKeyHeader = `exportKeys.col.${ExportKeyColumn}`;

export interface KeyOptions {
  /** Whole phone numbers (the manager's explicit choice, said on the file's first line); masked otherwise. */
  fullPhones: boolean;
}

/** The key columns' headers in the UI language. */
export function exportKeyHeaders(t: (key: ExportKeyHeader) => string): string[] {
  return exportKeyColumns.map((c) => t(`exportKeys.col.${c}`));
}

/** One customer's key cells; a customer no longer on file (deleted, merged) keeps only Keqing's number. */
export function exportKeyCells(customer: KeyCustomer | undefined, id: number, { fullPhones }: KeyOptions): CsvCell[] {
  if (!customer) return ['', '', '', '', id];
  const phone = customer.phone ? (fullPhones ? customer.phone : maskPhone(customer.phone)) : '';
  return [customer.externalId ?? '', customer.cardNo ?? '', phone, customer.name, customer.id];
}

/** Key cells by customer id, for exports that list ids (tier log, model lists, grade changes). */
export function exportKeysById(customers: readonly KeyCustomer[], options: KeyOptions): (id: number) => CsvCell[] {
  const byId = new Map(customers.map((c) => [c.id, c]));
  return (id) => exportKeyCells(byId.get(id), id, options);
}

/**
 * What the importer compares for Keqing's number: the number with the name it was exported with,
 * so a file from another browser's store cannot update a stranger who holds that number here.
 */
export function keqingIdKey(id: string | number, name: string): string {
  return `${id} ${name.trim()}`;
}
