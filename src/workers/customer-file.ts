/**
 * The customer file as the analysis engine joins it to its figures (names, the shop's keys, the
 * customer class), read in the worker so a screen never loads every customer for a name map.
 * Kept for the page's write count of the customers table (data/versions `tableVersion`): the page
 * names the state it shows, and a count the worker has not read yet reads the file again.
 */
import type { Customer } from '../lib/customers/customer';
import { customerName } from '../lib/customers/display-name';
import type { KeqingDb } from '../data/db';
import { readCustomersPaged } from '../data/customers';
import { customersStamp } from '../data/customer-store';
import { Stamped } from './stamped';

/**
 * The whole record: the Today list finds the week's birthdays here (workers/today.ts), saved groups
 * test gender, region, tags… (workers/groups.ts), the needs rules most fields (workers/needs.ts).
 */
export type FileCustomer = Customer;

export class CustomerFile {
  readonly #file: Stamped<Map<number, FileCustomer>>;

  constructor(db: KeqingDb) {
    this.#file = new Stamped(
      () => readCustomersPaged(db, () => {}).then((all) => new Map(all.map((c) => [c.id, c]))),
      () => customersStamp(db),
    );
  }

  /** Customers by id as of the page's write count `stamp` (one read shared by the questions that wait for it). */
  byId(stamp: number): Promise<Map<number, FileCustomer>> {
    return this.#file.read(stamp);
  }

  /** The stored file's write stamp that map was read under (workers/stamped). */
  storedStamp(stamp: number): Promise<string | null> {
    return this.#file.stored(stamp);
  }
}

/** What a list shows for a customer (lib/customers/display-name); class mode masks it on screen. */
export const displayName = (c: FileCustomer | undefined, id: number) => customerName(c, id);


/** A customer as a list names them: the name (masked on screen in class mode), the shop's id, the phone (masked on screen). */
export type NamedCustomer = Pick<FileCustomer, 'id' | 'name' | 'externalId' | 'phone'>;

/** The customers of `ids` that are on file, in that order, with what a list shows of them. */
export function namedCustomers(byId: ReadonlyMap<number, FileCustomer>, ids: Int32Array): NamedCustomer[] {
  const out: NamedCustomer[] = [];
  for (const id of ids) {
    const c = byId.get(id);
    if (c) out.push({ id, name: c.name, externalId: c.externalId, phone: c.phone });
  }
  return out;
}
