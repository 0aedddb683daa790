/**
 * Data quality of the customer file (domain.md §2, seeds 002 and 003): how complete the key
 * fields are, and the registration rate 登记率 = buyers with a file ÷ all buyers.
 */
import { LineFlag, type PurchaseColumns } from '../purchases/columns';
import { DistinctIds } from '../purchases/distinct-ids';
import type { Customer } from './customer';
import { findDuplicates, type DuplicateGroup } from './duplicates';

/** The key fields a shop's file should hold for every customer (domain.md §2, the seed 004 form). */
export const qualityFields = ['phone', 'birthday', 'address', 'cardNo', 'gender', 'size', 'favouriteColour', 'favouriteStyle', 'favouriteLook'] as const;
export type QualityField = (typeof qualityFields)[number];

export interface FieldCompleteness {
  field: QualityField;
  filled: number;
  total: number;
  /** filled ÷ total, 0–1; 0 for an empty list. */
  share: number;
}

/** A blank or whitespace-only text is as good as missing: nobody can call or post to it. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return !Number.isNaN(value);
  return true;
}

export function completeness(customers: readonly Customer[]): FieldCompleteness[] {
  const total = customers.length;
  return qualityFields.map((field) => {
    let filled = 0;
    for (const c of customers) if (isFilled(c[field])) filled++;
    return { field, filled, total, share: total === 0 ? 0 : filled / total };
  });
}

export interface RegistrationRate {
  buyersWithFile: number;
  buyersWithoutFile: number;
  allBuyers: number;
  /** buyersWithFile ÷ allBuyers; null when there are no buyers. */
  rate: number | null;
  /** Lines (not excluded) with no registered customer. */
  linesWithoutFile: number;
  /** Distinct orders among those lines; a line without an order no. is an order by itself. */
  ordersWithoutFile: number;
}

/**
 * Registration rate 登记率 (domain.md §2). Who counts as a buyer:
 * - lines flagged `LineFlag.excluded` are ignored altogether;
 * - a buyer with a file = a distinct non-zero `customerId`;
 * - a buyer without a file = a distinct `customerRef` (by its text) among lines with `customerId` 0
 *   (the source named the customer, but no file matched);
 * - a line with `customerId` 0 and no `customerRef` is an anonymous walk-in: one buyer per distinct
 *   order no. among such lines; a walk-in line without an order no. is a buyer by itself.
 * Chunks each have their own dictionaries, so refs and order nos. are compared by their text across chunks.
 * `picks[k]`, when given, are the lines of chunk k to count (a month's, say), in place of all of them.
 */
export function registrationRate(lines: readonly PurchaseColumns[], picks?: readonly (readonly number[])[]): RegistrationRate {
  const counter = new RegistrationCounter();
  lines.forEach((c, k) => counter.add(c, picks?.[k]));
  return counter.result();
}

/**
 * registrationRate counted chunk by chunk (an import's lines as they are written): the same figures.
 * A chunk's lines are given with `open(chunk)`, `line(i)` per line and `close()`; `add` does all three.
 */
export class RegistrationCounter {
  readonly #withFile = new DistinctIds();
  readonly #refs = new Set<string>();
  readonly #walkInOrders = new Set<string>();
  readonly #ordersWithoutFile = new Set<string>();
  #walkInsWithoutOrder = 0;
  #linesWithoutFile = 0;
  #linesWithoutOrder = 0;
  // The open chunk, and its dictionary indexes marked (each distinct text is added to a set once, at close).
  #chunk: PurchaseColumns | null = null;
  #refSeen = new Uint8Array(0);
  #walkInSeen = new Uint8Array(0);
  #orderSeen = new Uint8Array(0);

  /** A chunk's lines, or only `pick` of them. */
  add(c: PurchaseColumns, pick?: readonly number[]): void {
    this.open(c);
    if (pick) for (const i of pick) this.line(i);
    else for (let i = 0; i < c.length; i++) this.line(i);
    this.close();
  }

  open(c: PurchaseColumns): void {
    this.#chunk = c;
    this.#refSeen = new Uint8Array(c.customerRefDict.length);
    this.#walkInSeen = new Uint8Array(c.orderDict.length);
    this.#orderSeen = new Uint8Array(c.orderDict.length);
  }

  /** Line `i` of the open chunk. */
  line(i: number): void {
    const c = this.#chunk!;
    if (c.flags[i]! & LineFlag.excluded) return;
    const id = c.customerId[i]!;
    if (id !== 0) {
      this.#withFile.add(id);
      return;
    }
    this.#linesWithoutFile++;
    const order = c.orderNo[i]!;
    if (order >= 0) this.#orderSeen[order] = 1;
    else this.#linesWithoutOrder++;
    const ref = c.customerRef[i]!;
    if (ref >= 0) this.#refSeen[ref] = 1;
    else if (order >= 0) this.#walkInSeen[order] = 1;
    else this.#walkInsWithoutOrder++;
  }

  close(): void {
    const c = this.#chunk!;
    addMarked(this.#refs, this.#refSeen, c.customerRefDict);
    addMarked(this.#walkInOrders, this.#walkInSeen, c.orderDict);
    addMarked(this.#ordersWithoutFile, this.#orderSeen, c.orderDict);
    this.#chunk = null;
  }

  result(): RegistrationRate {
    const buyersWithFile = this.#withFile.size;
    const buyersWithoutFile = this.#refs.size + this.#walkInOrders.size + this.#walkInsWithoutOrder;
    const allBuyers = buyersWithFile + buyersWithoutFile;
    return {
      buyersWithFile,
      buyersWithoutFile,
      allBuyers,
      rate: allBuyers === 0 ? null : buyersWithFile / allBuyers,
      linesWithoutFile: this.#linesWithoutFile,
      ordersWithoutFile: this.#ordersWithoutFile.size + this.#linesWithoutOrder,
    };
  }
}

function addMarked(target: Set<string>, seen: Uint8Array, dict: readonly string[]) {
  for (let i = 0; i < seen.length; i++) if (seen[i]) target.add(dict[i]!);
}

/** domain.md §2: the target is 100 % of buyers on file, and the rate must never fall below 85 %. */
export const REGISTRATION_TARGET = 1;
export const REGISTRATION_ALERT = 0.85;

export type RegistrationStatus = 'ok' | 'warn' | 'alert' | 'none';

/** ok = at target; warn = from 85 % (inclusive) up to the target; alert = below 85 %; none = no buyers. */
export function registrationStatus(rate: number | null): RegistrationStatus {
  if (rate === null || Number.isNaN(rate)) return 'none';
  if (rate >= REGISTRATION_TARGET) return 'ok';
  if (rate >= REGISTRATION_ALERT) return 'warn';
  return 'alert';
}

/**
 * Customers with none of the keys an import matches on (phone, card no., customer id): filed by
 * name (issue 15), a later file cannot find them again, so data quality counts them.
 */
export function countWithoutMatchKey(customers: readonly Pick<Customer, 'phone' | 'cardNo' | 'externalId'>[]): number {
  let n = 0;
  for (const c of customers) if (!isFilled(c.phone) && !isFilled(c.cardNo) && !isFilled(c.externalId)) n++;
  return n;
}

/** What the data-quality screen shows of a suspected duplicate: enough to tell the people apart. */
export type DuplicateMember = Pick<Customer, 'id' | 'name' | 'phone' | 'cardNo' | 'birthday' | 'birthdayLunar' | 'birthdayLeap'>;

export interface FileQuality {
  fields: FieldCompleteness[];
  /** Customers with no match key (countWithoutMatchKey). */
  keyless: number;
  groups: DuplicateGroup[];
  /** The members of `groups` only, by ascending id: the screen never needs the whole file. */
  members: DuplicateMember[];
}

/** Every figure of the data-quality screen over the whole file, computed where the file is read (the analysis worker). */
export function fileQuality(customers: readonly Customer[]): FileQuality {
  const groups = findDuplicates(customers);
  const wanted = new Set(groups.flatMap((g) => g.ids));
  const members: DuplicateMember[] = [];
  for (const c of customers) {
    if (!wanted.has(c.id)) continue;
    const m: DuplicateMember = { id: c.id, name: c.name };
    if (c.phone !== undefined) m.phone = c.phone;
    if (c.cardNo !== undefined) m.cardNo = c.cardNo;
    if (c.birthday !== undefined) m.birthday = c.birthday;
    if (c.birthdayLunar) m.birthdayLunar = true;
    if (c.birthdayLeap) m.birthdayLeap = true;
    members.push(m);
  }
  members.sort((a, b) => a.id - b.id);
  return { fields: completeness(customers), keyless: countWithoutMatchKey(customers), groups, members };
}
