/**
 * Decides what an import changes: which customers are new and which match stored ones, which
 * purchase lines are already stored (re-importing a file adds nothing), and which lines the
 * user chose to exclude. Pure: the page passes in the stored keys and writes the plan.
 */
import type { Customer } from '../customers/customer';
import { emptyColumns, LineFlag, type PackedBatch, type PurchaseColumns } from '../purchases/columns';
import { lineKeys, packBatch } from '../purchases/line-key';
import { cleaningClasses, type CleaningClass, type Converted, type CustomerValues, type KeylessChoice } from './convert';
import { matchKeys, type MatchKey } from './mapping';

export type CleaningChoices = Record<CleaningClass, 'exclude' | 'keep'>;
/**
 * Returns stay (RFM may net them off); walk-in lines stay (the registration rate counts them).
 * Lines dated after today are left out until the user keeps them (a future day breaks recency);
 * exact repeats stay (two identical lines can be two sales), reported as suspected duplicates.
 */
export const defaultCleaningChoices: CleaningChoices = { cancellation: 'exclude', returned: 'keep', nonPositivePrice: 'exclude', noCustomer: 'keep', nonProduct: 'exclude', futureDate: 'exclude', repeated: 'keep' };

/**
 * Lines naming a customer id (card, phone) no stored customer or row of the file has:
 * 'create' files a customer for each (the id as their key, the rest blank; the default),
 * 'unlinked' stores the lines without a customer.
 */
export const unknownRefChoices = ['create', 'unlinked'] as const;
export type UnknownRefChoice = (typeof unknownRefChoices)[number];

export interface PlanOptions {
  unknownRefs: UnknownRefChoice;
}
export const defaultPlanOptions: PlanOptions = { unknownRefs: 'create' };

export interface StoredCustomerKeys {
  /** Per match field: stored values and the ids of the customers holding them, aligned. */
  customers: Record<MatchKey, { values: string[]; ids: number[] }>;
  /** Customers with none of the match keys, by name: a keyless row of the file is matched to them. */
  keyless: { names: string[]; ids: number[] };
}

export interface StoredKeys extends StoredCustomerKeys {
  maxCustomerId: number;
  /** Keys of every stored purchase line. */
  lineKeys: Float64Array[];
}

export interface ImportPlan {
  newCustomers: Customer[];
  updates: { id: number; values: CustomerValues }[];
  /** Lines not stored before, customer ids resolved, excluded ones flagged: packed for storing. */
  batch: PackedBatch;
  /** What was chosen for lines naming an unknown customer id. */
  options: PlanOptions;
  counts: {
    customersNew: number;
    customersMatched: number;
    linesNew: number;
    linesAlreadyStored: number;
    linesExcluded: number;
    linesWithCustomer: number;
    /** Customers filed by name alone (no match key), new ones and stored ones matched by name. */
    customersKeyless: number;
    /** Lines whose customer id (card, phone) nobody had, and how many such ids. */
    linesUnknownRef: number;
    refsUnknown: number;
    /** Customers filed for those ids (0 when the lines were kept unlinked). */
    customersFromRefs: number;
  };
}

/** `keys`: the converted lines' keys (lineKeys) when worked out already, while the preview was read. */
export function planImport(converted: Converted, choices: CleaningChoices, stored: StoredKeys, now: Date, options: PlanOptions = defaultPlanOptions, keys?: Float64Array): ImportPlan {
  const lookup = Object.fromEntries(matchKeys.map((k) => [k, new Map(stored.customers[k].values.map((v, i) => [v, stored.customers[k].ids[i]!]))])) as Record<MatchKey, Map<string, number>>;
  const at = now.toISOString();
  let nextId = stored.maxCustomerId + 1;
  const newCustomers: Customer[] = [];
  const updates: ImportPlan['updates'] = [];

  // A stored customer is found by the row's key, or by any other key the row carries.
  const find = (key: { field: MatchKey; value: string }, values: CustomerValues): number | undefined => {
    const own = lookup[key.field].get(key.value);
    if (own !== undefined) return own;
    const others: [MatchKey, string | undefined][] = [['customerId', values.externalId], ['cardNo', values.cardNo], ['phone', values.phone]];
    for (const [field, value] of others) if (value && field !== key.field && lookup[field].has(value)) return lookup[field].get(value);
    return undefined;
  };
  const remember = (id: number, values: CustomerValues) => {
    if (values.externalId) lookup.customerId.set(values.externalId, id);
    if (values.cardNo) lookup.cardNo.set(values.cardNo, id);
    if (values.phone) lookup.phone.set(values.phone, id);
  };

  const firstNewId = nextId;
  const added = new Map<number, Customer>();
  const keylessStored = new Map(stored.keyless.names.map((name, i) => [name, stored.keyless.ids[i]!]));
  // The id each keyless customer of the file (by index in converted.customers) is filed under.
  const keylessIds = new Int32Array(converted.customers.length);
  let keylessCount = 0;
  for (const [index, c] of converted.customers.entries()) {
    if (!c.key) {
      // Filed by name alone: the stored customer of that name who has no key either (the same
      // file imported again), else a new one.
      const name = c.values.name ?? '';
      const storedId = keylessStored.get(name);
      keylessCount++;
      if (storedId !== undefined) {
        updates.push({ id: storedId, values: c.values });
        keylessIds[index] = storedId;
        continue;
      }
      const customer: Customer = { ...c.values, id: nextId++, name, createdAt: at, updatedAt: at };
      newCustomers.push(customer);
      keylessIds[index] = customer.id;
      continue;
    }
    const id = find(c.key, c.values);
    if (id !== undefined && id >= firstNewId) {
      // The same person again in this file, by another key: fill what the first row left empty.
      const earlier = added.get(id)!;
      // The 农历 marks belong to the birthday they came with: not added to another row's birthday.
      const ownBirthday = 'birthday' in earlier;
      for (const [field, value] of Object.entries(c.values)) if (!(field in earlier) && !(ownBirthday && (field === 'birthdayLunar' || field === 'birthdayLeap'))) (earlier as unknown as Record<string, unknown>)[field] = value;
      remember(id, earlier);
      continue;
    }
    if (id !== undefined) {
      updates.push({ id, values: c.values });
      continue;
    }
    const customer: Customer = { ...c.values, id: nextId++, name: c.values.name ?? '', createdAt: at, updatedAt: at };
    newCustomers.push(customer);
    added.set(customer.id, customer);
    remember(customer.id, c.values);
  }

  const source = converted.lines;
  if (!source) {
    const counts = { customersNew: newCustomers.length, customersMatched: updates.length, linesNew: 0, linesAlreadyStored: 0, linesExcluded: 0, linesWithCustomer: 0, customersKeyless: keylessCount, linesUnknownRef: 0, refsUnknown: 0, customersFromRefs: 0 };
    return { newCustomers, updates, batch: packBatch(emptyColumns(0), new Float64Array(0)), options, counts };
  }

  const storedLines = new Set<number>();
  for (const keys of stored.lineKeys) for (const k of keys) storedLines.add(k);
  if (!keys || keys.length !== source.length) keys = lineKeys(source);
  // The lines to store, by index (typed: a million of them).
  const kept = new Int32Array(source.length);
  let keepCount = 0;
  let already = 0;
  for (let i = 0; i < source.length; i++) {
    if (storedLines.size > 0 && storedLines.has(keys[i]!)) already++;
    else kept[keepCount++] = i;
  }
  const keep = kept.subarray(0, keepCount);

  const excludeMask = cleaningClasses.reduce((m, cls) => (choices[cls] === 'exclude' ? m | LineFlag[cls] : m), 0);
  // Nothing stored yet (the usual first import): every line is kept, no copy needed.
  const lines = keep.length === source.length ? { ...source, customerId: new Int32Array(source.length), flags: source.flags.slice() } : pickLines(source, keep);
  let excluded = 0;
  let withCustomer = 0;
  let unknownLines = 0;
  // Unknown references as numbers (dictionary index × key fields + key field): a million lines make no strings.
  const unknownRefs = new Set<number>();
  let fromRefs = 0;
  // Each reference is looked up once, on its first line (the lines of one customer share it):
  // the id it resolved to (0 = nobody, -1 = not looked up yet), and whether nobody had it then.
  const refIds = new Int32Array(source.customerRefDict.length * matchKeys.length).fill(-1);
  const refUnknown = new Uint8Array(refIds.length);
  for (let j = 0; j < keep.length; j++) {
    const i = keep[j]!;
    const ref = source.customerRef[i]!;
    const keyless = converted.lineKeyless[i]!;
    if (ref >= 0) {
      const fieldIndex = converted.lineRefField[i]!;
      const unknownKey = ref * matchKeys.length + fieldIndex;
      let resolved = refIds[unknownKey]!;
      if (resolved < 0) {
        const field = matchKeys[fieldIndex]!;
        const value = source.customerRefDict[ref]!;
        let id = lookup[field].get(value);
        if (id === undefined) {
          refUnknown[unknownKey] = 1;
          unknownRefs.add(unknownKey);
        }
        // A Keqing number this store never gave (another browser's export) names nobody to file: unlinked.
        if (id === undefined && options.unknownRefs === 'create' && field !== 'keqingId') {
          // The id the line carries becomes the customer's key; the rest of their file is blank.
          const customer: Customer = { ...refValues(field, value), id: nextId++, name: '', createdAt: at, updatedAt: at };
          newCustomers.push(customer);
          lookup[field].set(value, customer.id);
          id = customer.id;
          fromRefs++;
        }
        resolved = refIds[unknownKey] = id ?? 0;
      }
      if (refUnknown[unknownKey]) unknownLines++;
      if (resolved > 0) {
        lines.customerId[j] = resolved;
        withCustomer++;
      }
    } else if (keyless >= 0) {
      lines.customerId[j] = keylessIds[keyless]!;
      withCustomer++;
    }
    if (lines.flags[j]! & excludeMask) {
      lines.flags[j]! |= LineFlag.excluded;
      excluded++;
    }
  }
  return {
    newCustomers,
    updates,
    batch: packBatch(lines, keep.length === source.length ? keys : pickKeys(keys, keep)),
    options,
    counts: {
      customersNew: newCustomers.length,
      customersMatched: updates.length,
      linesNew: keep.length,
      linesAlreadyStored: already,
      linesExcluded: excluded,
      linesWithCustomer: withCustomer,
      customersKeyless: keylessCount,
      linesUnknownRef: unknownLines,
      refsUnknown: unknownRefs.size,
      customersFromRefs: fromRefs,
    },
  };
}

const refValues = (field: Exclude<MatchKey, 'keqingId'>, value: string): CustomerValues => (field === 'customerId' ? { externalId: value } : field === 'cardNo' ? { cardNo: value } : { phone: value });

/**
 * What the preview says before anything is written: how many lines of the file (and distinct ids)
 * name a customer neither the store nor the file's own rows have.
 */
export function unknownRefCounts(converted: Converted, stored: StoredCustomerKeys): { lines: number; refs: number } {
  const known = Object.fromEntries(matchKeys.map((k) => [k, new Set(stored.customers[k].values)])) as Record<MatchKey, Set<string>>;
  for (const c of converted.customers) {
    if (c.values.externalId) known.customerId.add(c.values.externalId);
    if (c.values.cardNo) known.cardNo.add(c.values.cardNo);
    if (c.values.phone) known.phone.add(c.values.phone);
  }
  const source = converted.lines;
  if (!source) return { lines: 0, refs: 0 };
  // Each reference judged once (0 = not yet, 1 = known, 2 = unknown), not once per line.
  const verdict = new Uint8Array(source.customerRefDict.length * matchKeys.length);
  let refs = 0;
  let lines = 0;
  for (let i = 0; i < source.length; i++) {
    const ref = source.customerRef[i]!;
    if (ref < 0) continue;
    const fieldIndex = converted.lineRefField[i]!;
    const at = ref * matchKeys.length + fieldIndex;
    if (verdict[at] === 0) {
      verdict[at] = known[matchKeys[fieldIndex]!].has(source.customerRefDict[ref]!) ? 1 : 2;
      if (verdict[at] === 2) refs++;
    }
    if (verdict[at] === 2) lines++;
  }
  return { lines, refs };
}

function pickKeys(keys: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = keys[rows[j]!]!;
  return out;
}

/** The chosen lines as new columns; dictionaries are kept whole (unused entries cost little). */
function pickLines(c: PurchaseColumns, rows: Int32Array): PurchaseColumns {
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(rows.length);
    for (let j = 0; j < rows.length; j++) out[j] = a[rows[j]!]!;
    return out;
  };
  return {
    length: rows.length,
    day: pick(c.day),
    customerId: new Int32Array(rows.length),
    amount: pick(c.amount),
    quantity: pick(c.quantity),
    points: pick(c.points),
    flags: pick(c.flags),
    orderNo: pick(c.orderNo),
    itemNo: pick(c.itemNo),
    customerRef: pick(c.customerRef),
    orderDict: c.orderDict,
    itemDict: c.itemDict,
    customerRefDict: c.customerRefDict,
  };
}

/** The part of an import's history entry known before writing. */
export function reportBase(
  kind: Converted['kind'],
  counts: { rowsRead: number; rowsValid: number; rowsWithErrors: number; classCounts: Converted['classCounts']; problemCounts?: Record<string, number> },
  choices: CleaningChoices,
  settings?: { keyless: KeylessChoice; matchKey: MatchKey },
) {
  const keylessFailed = counts.problemCounts?.['customer.noKey'] ?? 0;
  return {
    ...(settings ? { matchKey: settings.matchKey, ...(kind !== 'purchases' ? { keyless: settings.keyless } : {}) } : {}),
    ...(keylessFailed ? { rowsKeylessFailed: keylessFailed } : {}),
    importKind: kind,
    rowsRead: counts.rowsRead,
    rowsValid: counts.rowsValid,
    rowsWithErrors: counts.rowsWithErrors,
    classes: Object.fromEntries(cleaningClasses.map((c) => [c, { lines: counts.classCounts[c], excluded: choices[c] === 'exclude' }])),
  };
}
