/**
 * Rows of text → what will be stored: customer records and packed purchase lines, with every
 * problem reported per row (file line, column, value, code). A row with an error is left out;
 * a warning drops only the bad value. Nothing here decides what is new or already stored (plan.ts).
 */
import { channels, customerClasses, customerTypes, type Customer } from '../customers/customer';
import { dayFromLocalDate, isoFromDay } from '../dates';
import { emptyColumns, Interner, LineFlag, type PurchaseColumns } from '../purchases/columns';
import { isCustomerField, type FieldId } from './fields';
import { matchKeys, type ImportKind, type Mapping, type MatchKey } from './mapping';
import { dateReader, parseDate, inferDateOrder, type DateOrder } from './values/date';
import { isPlainId, isScientificNotation, normaliseId } from './values/id';
import { parseDecimal, toFen } from './values/number';
import { isPlainMobile, normalisePhone } from './values/phone';
import { cleanCell, showInvisible, stripInvisible, toHalfWidth } from './values/text';
import { lunarWord, readBirthdayText } from '../care/lunar-text';
import { codeKey } from './non-product';
import { keqingIdKey } from '../customers/export-keys';
import { firstOccurrences } from './first-seen';
import { widen } from '../purchases/order-index';
import { ok } from '../result';

export interface ConvertOptions {
  kind: ImportKind;
  mapping: Mapping;
  /** How a/b/yyyy dates read; null until the file or the user decides. */
  dateOrder: DateOrder | null;
  matchKey: MatchKey;
  /** Item codes of lines that are not products (postage, fees, discounts); compared without case. */
  nonProductCodes: readonly string[];
  /** Today as a day number (lib/dates): later purchase dates and birthdays are flagged. Default: the clock's. */
  today?: number;
  /** A customer or sales row with a name but no match key: filed by name (default) or failed. */
  keyless?: KeylessChoice;
  /** A birthday after today: not stored, the customer still imported (default), or kept as written; warned either way. */
  futureBirthday?: FutureBirthdayChoice;
}

/**
 * What becomes of a row that names a customer but has no phone, card no. or customer id:
 * 'create' files them by name (one customer per name in the file, their lines linked to them,
 * warned as 'customer.keyless'); 'fail' makes the row a failed row ('customer.noKey').
 */
export const keylessChoices = ['create', 'fail'] as const;
export type KeylessChoice = (typeof keylessChoices)[number];

/** Issue 16: a birthday after today is excluded (the customer is imported without it) or kept as written. */
export const futureBirthdayChoices = ['exclude', 'keep'] as const;
export type FutureBirthdayChoice = (typeof futureBirthdayChoices)[number];

export interface RowProblem {
  /** 1-based line in the file. */
  line: number;
  /** The column's header as written in the file, or null for the whole row. */
  column: string | null;
  value: string;
  code: string;
  severity: 'error' | 'warning';
}

/** Problems per code, and how many rows an error kept out: what every import preview shows. */
export function tallyProblems(problems: readonly RowProblem[]): { problemCounts: Record<string, number>; rowsWithErrors: number } {
  const problemCounts: Record<string, number> = {};
  const errorLines = new Set<number>();
  for (const p of problems) {
    problemCounts[p.code] = (problemCounts[p.code] ?? 0) + 1;
    if (p.severity === 'error') errorLines.add(p.line);
  }
  return { problemCounts, rowsWithErrors: errorLines.size };
}

/** The customer fields an import can set (id and timestamps are the store's). */
export type CustomerValues = Partial<Omit<Customer, 'id' | 'createdAt' | 'updatedAt'>>;

export interface ImportedCustomer {
  line: number;
  /** The identifying field and value it is matched on; null for a customer filed by name alone (keyless). */
  key: { field: MatchKey; value: string } | null;
  values: CustomerValues;
}

export const cleaningClasses = ['cancellation', 'returned', 'nonPositivePrice', 'noCustomer', 'nonProduct', 'futureDate', 'repeated'] as const;
export type CleaningClass = (typeof cleaningClasses)[number];

export interface Converted {
  kind: ImportKind;
  headers: string[];
  /** Data rows below the header (summary rows included). */
  rowsRead: number;
  rowsValid: number;
  /** Lines of total rows (合计/总计/Total) left out. */
  summaryLines: number[];
  problems: RowProblem[];
  customers: ImportedCustomer[];
  lines: PurchaseColumns | null;
  /** For each purchase line: the file line it came from, and which key field its customerRef holds. */
  lineSource: Int32Array;
  lineRefField: Uint8Array;
  /** For each purchase line: the index in `customers` of the keyless customer it belongs to, or -1. */
  lineKeyless: Int32Array;
  /** Names filed without a key that some row gave no birthday (mergeConverted: where such a row belongs depends on the part before). */
  keylessUnborn?: string[];
  classCounts: Record<CleaningClass, number>;
  /** Lines per non-product code they matched (by item no., else item name), keyed as non-product.ts codeKey. */
  nonProductMatches: Record<string, number>;
  /** What the date column showed about day-first or month-first dates. */
  dateEvidence: ReturnType<typeof inferDateOrder>['evidence'];
  /** Purchase rows seen for the first time (a hash of their cells, and their line): mergeConverted finds repeats across parts with them. */
  firstRows: { hash: Float64Array; line: Int32Array };
}

export { defaultNonProductCodes } from './non-product';

// Not \b: there is no word boundary after a Chinese character.
const SUMMARY_ROW = /^(合计|总计|小计|总数|共计|total|totals|grand total|sum|subtotal)(?![a-z])/i;

const genders: Record<string, 'F' | 'M'> = { 女: 'F', 女士: 'F', f: 'F', female: 'F', 男: 'M', 先生: 'M', m: 'M', male: 'M' };
const typeWords: Record<string, Customer['type']> = { 家庭: 'household', 个人: 'household', 商业: 'commercial', 企业: 'commercial', 工程: 'project', 项目: 'project' };
const channelWords: Record<string, Customer['channel']> = { 门店: 'store', 店铺: 'store', 网站: 'website', 官网: 'website', 网店: 'website', 社交: 'social', 微信: 'social', 小程序: 'social', 抖音: 'social' };
const classWords: Record<string, Customer['customerClass']> = { 批发: 'wholesale', 零售: 'retail', 代理: 'agent', 代理商: 'agent', 加盟: 'franchise', 加盟店: 'franchise', 连锁: 'chain', 专卖: 'speciality', 专卖店: 'speciality' };
const MEASURES = [['heightCm', 50, 250], ['waistCm', 30, 200]] as const;
const CHOICES = [
  ['customerType', typeWords, customerTypes, 'type'],
  ['channel', channelWords, channels, 'channel'],
  ['customerClass', classWords, customerClasses, 'customerClass'],
] as const;
/** Warnings about a value that is imported all the same (the user checks it), not dropped. */
export const keptWarnings: ReadonlySet<string> = new Set(['date.future', 'amount.huge', 'quantity.huge', 'row.repeated', 'text.invisibleRemoved', 'name.lookAlike', 'birthday.futureKept']);

/** Longer cells are refused per row: no name, address or code is that long (a 1.7 M-character name was stored once). */
export const MAX_CELL_CHARS = 1_000;
/** Beyond these a line is kept with a warning: a typo more often than a sale (digits added, a code in the wrong column). */
export const HUGE_AMOUNT_FEN = 10_000_000 * 100;
export const HUGE_QUANTITY = 100_000;

/** Whether the row rowHash last read holds a NUL: told on the way, every character being read there anyway. */
let hashedNul = false;

/**
 * A 52-bit hash of a row's cells, to spot exact repeats without holding every row's text:
 * two 26-bit FNV-1a-style halves; a false repeat needs a collision of both (about 1 in 4.5e15).
 */
function rowHash(row: readonly string[]): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  hashedNul = false;
  for (let k = 0; k < row.length; k++) {
    const cell = row[k]!;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c === 0) hashedNul = true;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    a = Math.imul(a ^ 0x1f, 0x01000193); // a cell boundary: 'ab','c' is not 'a','bc'
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
  }
  return (a >>> 6) * 2 ** 26 + (b >>> 6);
}

const truthy = new Set(['是', 'y', 'yes', 'true', '1', '已取消', '取消', '作废', 'cancelled', 'canceled', 'void', 'x']);

function pickWord<T extends string>(raw: string, words: Record<string, T | undefined>, allowed: readonly T[]): T | null {
  const text = toHalfWidth(raw).trim().toLowerCase();
  if ((allowed as readonly string[]).includes(text)) return text as T;
  return words[text] ?? null;
}

/**
 * Remembers a parser's answers: phones and ids repeat across a file's lines. The last answer is
 * kept apart (an order's lines follow each other). Bounded; for a cheap parser the map is dropped
 * once most of its lookups miss (order numbers are nearly all distinct apart from the neighbours),
 * where it would cost more than it saves. A costly one (`keep`) keeps it: 8,000 customers over a
 * million lines miss more than half of their first 10,000 lookups, then nearly never.
 */
function memo<T>(fn: (raw: string) => T, keep = false, limit = 200_000): (raw: string) => T {
  const cache = new Map<string, T>();
  let calls = 0;
  let hits = 0;
  let useful = true;
  let lastRaw: string | undefined;
  let lastValue: T | undefined;
  return (raw) => {
    if (raw === lastRaw) return lastValue as T;
    let value: T | undefined;
    if (useful) {
      value = cache.get(raw);
      if (value === undefined) {
        value = fn(raw);
        if (cache.size >= limit) cache.clear();
        cache.set(raw, value);
      } else hits++;
      if (++calls === 10_000 && hits < calls / 2 && !keep) {
        useful = false;
        cache.clear();
      }
    } else value = fn(raw);
    lastRaw = raw;
    lastValue = value;
    return value;
  };
}

// The first character a total row's word can start with (SUMMARY_ROW): most rows are ruled out without the pattern.
const SUMMARY_LEADS = new Set(['合', '总', '小', '共', 't', 'T', 'g', 'G', 's', 'S']);

/** Calls `visit` for every data row, in file order, with the row's first line in the file. */
export type RowSource = (visit: (row: readonly string[], line: number) => void) => void;

/** Rows given as arrays (tests, small inputs): a row source over them. */
export const rowsOf = (rows: readonly string[][], lines: readonly number[]): RowSource => (visit) => rows.forEach((row, r) => visit(row, lines[r] ?? r + 1));

/**
 * Converts the rows `source` yields; `sample` (the first rows) is where the date format is read
 * from. Rows are visited one at a time, so a million of them never need to be held at once.
 */
/**
 * `spare`: the columns keep the room they were made with past their last line (views on it): the
 * first part of a file converted in parts, made room for the whole file, where mergeConverted
 * then writes the second part's lines in place instead of copying both into new columns.
 */
export function convertRows(headers: string[], sample: readonly string[][], source: RowSource, options: ConvertOptions, expectedRows = 1024, spare = false): Converted {
  const { mapping, kind } = options;
  const col = new Map<FieldId, number>();
  mapping.forEach((f, i) => f && col.set(f, i));
  const columnOf: Partial<Record<FieldId, number>> = Object.fromEntries(col);
  const purchases = kind !== 'customers';
  const dateCol = col.get('date');
  const samples = dateCol === undefined ? [] : sample.slice(0, 5_000).map((r) => r[dateCol] ?? '');
  const inferred = inferDateOrder(samples);
  const dateOrder = options.dateOrder ?? inferred.order;
  const birthdayOrder = options.dateOrder ?? inferDateOrder(col.has('birthday') ? sample.slice(0, 5_000).map((r) => r[col.get('birthday')!] ?? '') : []).order;

  // A plain mobile reads as itself: told by a pattern, before the memo's map (one of 100,000
  // customers' phones is a slow lookup in it).
  const memoPhone = memo(normalisePhone, true);
  const readPhone = (raw: string) => (isPlainMobile(raw) ? ok(raw) : memoPhone(raw));
  // A total row (合计, Total, 小计 with its day's date…) names no customer, order or item, apart from
  // the cell holding the total word: 'Sum Wing Kei' with a phone is a customer, not a sum.
  // (A count such as '合计,3' in the phone column is not a phone: a phone must read as one.)
  const identityColumns = (['customerId', 'cardNo', 'phone', 'orderNo', 'itemNo'] as const).flatMap((f) => (col.has(f) ? [[f, col.get(f)!] as const] : []));
  const identifies = (row: readonly string[], except: number) =>
    identityColumns.some(([field, i]) => {
      const value = i === except ? '' : cleanCell(row[i] ?? '');
      return field === 'phone' ? value !== '' && readPhone(value).ok : value !== '';
    });
  const readDate = dateReader(dateOrder);
  const readDecimal = parseDecimal; // its fast path is cheaper than a cache lookup
  const keyOrder = [options.matchKey, ...matchKeys.filter((k) => k !== options.matchKey)];
  let problems: RowProblem[] = [];
  const summaryLines: number[] = [];
  const customers: ImportedCustomer[] = [];
  // Where each customer of the file is, by the key they were filed under (one map per match field),
  // or by name for those without a key: no key string is built per row.
  const keyedAt = Object.fromEntries(matchKeys.map((k) => [k, new Map<string, number>()])) as Record<MatchKey, Map<string, number>>;
  const keylessAt = new Map<string, number>();
  // For each keyed customer, the index of their key in the lines' customer dictionary (-2: not known yet).
  const refOf: number[] = [];
  let rowRef = -2;
  // Customers whose every column this file can fill is filled already (a record only gains values).
  const completeAt: boolean[] = [];
  const classCounts: Record<CleaningClass, number> = { cancellation: 0, returned: 0, nonPositivePrice: 0, noCustomer: 0, nonProduct: 0, futureDate: 0, repeated: 0 };
  const today = options.today ?? dayFromLocalDate(new Date());
  const mappedColumns = [...col.values()];
  // Purchase rows as hashes, for lines repeated exactly (pasted twice, or a file joined to itself),
  // found once every row is read (firstOccurrences): each row's hash and line, where its problems
  // start in `problems`, and the purchase line kept from it (-1: none).
  let hashed = 0;
  let rowHashes = new Float64Array(purchases ? Math.max(16, expectedRows) : 0);
  let rowLines = new Int32Array(rowHashes.length);
  let rowProblemsAt = new Int32Array(rowHashes.length);
  let rowKept = new Int32Array(rowHashes.length);
  // Customer names after hidden characters are removed: the first line of each, and whether it had any.
  const namesSeen = new Map<string, { line: number; hidden: boolean; key: string }>();
  const nonProduct = new Set(options.nonProductCodes.map(codeKey));
  const nonProductMatches: Record<string, number> = {};

  // Filled in place; `length` counts the lines kept so far; grown (doubled) when full.
  let capacity = purchases ? Math.max(16, expectedRows) : 0;
  const c: PurchaseColumns = { ...emptyColumns(capacity), length: 0 };
  let lineSource = new Int32Array(capacity);
  let lineRefField = new Uint8Array(capacity);
  let lineKeyless = new Int32Array(capacity);
  const grow = () => {
    capacity *= 2;
    const wider = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a);
      return b;
    };
    c.day = wider(c.day);
    c.customerId = wider(c.customerId);
    c.amount = wider(c.amount);
    c.quantity = wider(c.quantity);
    c.points = wider(c.points);
    c.flags = wider(c.flags);
    c.orderNo = wider(c.orderNo);
    c.itemNo = wider(c.itemNo);
    c.customerRef = wider(c.customerRef);
    lineSource = wider(lineSource);
    lineRefField = wider(lineRefField);
    lineKeyless = wider(lineKeyless);
  };
  const indexes = { orders: new Interner(c.orderDict), items: new Interner(c.itemDict), refs: new Interner(c.customerRefDict) };
  let valid = 0;
  let rowsRead = 0;
  // The customer properties this file's columns can fill (besides the keys).
  const targetOf: Partial<Record<FieldId, keyof CustomerValues>> = { customerType: 'type', birthdayType: 'birthday' };
  const profileTargets = mapping.flatMap((f) => (f && isCustomerField(f) && !(matchKeys as readonly string[]).includes(f) ? [targetOf[f] ?? (f as keyof CustomerValues)] : []));

  // The row being read, and its problems: the helpers below are made once, not once per row.
  let row: readonly string[] = [];
  let line = 0;
  let rowProblems: RowProblem[] = [];
  const problem = (field: FieldId | null, value: string, code: string, severity: 'error' | 'warning') =>
    rowProblems.push({ line, column: field === null ? null : (headers[col.get(field)!] ?? null), value, code, severity });
  const cell = (field: FieldId): string => {
    const i = columnOf[field];
    return i === undefined ? '' : cleanCell(row[i] ?? '');
  };
  // A text cell without zero-width and text-direction characters: 'C001' with a zero-width space in
  // it would be another customer, a name with U+202E shows reversed. Removed, and reported.
  const visible = (field: FieldId): string => {
    const raw = cell(field);
    const shown = stripInvisible(raw);
    if (shown !== raw) problem(field, showInvisible(raw), 'text.invisibleRemoved', 'warning');
    return cleanCell(shown);
  };
  // An id Excel turned into '6.22848E+15' lost digits: reported, never stored or matched on.
  // Ids repeat down a file (an order's lines, an item, a customer): each column remembers its answers.
  const DAMAGED = '\u0000damaged';
  const idReaders = new Map<FieldId, (raw: string) => string | null>();
  const readId = (field: FieldId): string | null => {
    const plain = cell(field);
    if (isPlainId(plain)) return plain; // the usual id: what the steps below give it back as
    const raw = visible(field);
    if (raw === '') return null; // what normaliseId says of an empty cell
    let read = idReaders.get(field);
    if (!read) {
      read = memo((text: string) => {
        const id = normaliseId(text);
        return id !== null && isScientificNotation(id) ? DAMAGED : id;
      });
      idReaders.set(field, read);
    }
    const id = read(raw);
    if (id === DAMAGED) {
      problem(field, raw, 'id.damaged', 'warning');
      return null;
    }
    return id;
  };
  const isNonProduct = memo((code: string) => nonProduct.has(codeKey(code)));
  // Rows of one name without a key are one customer, unless their birthdays differ (two people).
  const keylessBorn = new Map<string, string | undefined>();
  const keylessUnborn = new Set<string>();
  const keylessKey = (name: string, birthday: string | undefined) => {
    const key = `\u0000name:${name}`;
    const first = keylessBorn.get(key);
    if (first && birthday && first !== birthday) return `${key}\u0000${birthday}`;
    if (!first && birthday) keylessBorn.set(key, birthday);
    return key;
  };
  const hasCancelFlag = col.has('cancelled');
  // Past 2^53 fen a number no longer holds whole fen; quantity × price may even be Infinity.
  const fenOf = (yuan: number) => (Number.isFinite(yuan) && Math.abs(yuan) * 100 <= Number.MAX_SAFE_INTEGER ? toFen(yuan) : null);

  source((nextRow, nextLine) => {
    row = nextRow;
    line = nextLine;
    rowsRead++;
    let first = -1;
    let lead = '';
    for (let k = 0; k < row.length; k++) {
      lead = cleanCell(row[k]!);
      if (lead === '') continue;
      first = k;
      break;
    }
    if (first >= 0 && SUMMARY_LEADS.has(lead[0]!) && SUMMARY_ROW.test(lead) && !identifies(row, first)) {
      summaryLines.push(line);
      return;
    }
    if (rowProblems.length > 0) rowProblems = [];
    rowRef = -2;
    // A purchase row's hash, to tell once all are read whether it repeats an earlier row.
    const record = hashed;
    let nul = false;
    if (purchases) {
      if (hashed === rowHashes.length) {
        const more = 2 * hashed;
        rowHashes = widen(rowHashes, more);
        rowLines = widen(rowLines, more);
        rowProblemsAt = widen(rowProblemsAt, more);
        rowKept = widen(rowKept, more);
      }
      rowHashes[hashed] = rowHash(row);
      nul = hashedNul;
      rowLines[hashed] = line;
      rowProblemsAt[hashed] = problems.length; // this row's problems go there, after the rows before
      rowKept[hashed++] = -1;
    }
    if (row.length > headers.length && row.slice(headers.length).some((cell) => cleanCell(cell) !== '')) {
      problem(null, row.slice(headers.length).join(' | ').slice(0, 200), 'row.tooManyCells', 'error');
    }
    // A NUL byte (a damaged stretch of the file) fails its row only (issue 16).
    if (!purchases) for (let k = 0; k < row.length && !nul; k++) nul = row[k]!.includes('\0');
    if (nul) problem(null, row.join(' | ').replaceAll('\0', '\u2400').slice(0, 200), 'row.nul', 'error');
    for (const i of mappedColumns) {
      const v = row[i];
      if (v !== undefined && v.length > MAX_CELL_CHARS) rowProblems.push({ line, column: headers[i] ?? null, value: `${v.slice(0, 40)}… (${v.length})`, code: 'cell.tooLong', severity: 'error' });
    }

    // Customer fields: on customer files, and repeated on combined sales lines.
    const values: CustomerValues = {};
    // Names and ids lose hidden characters (they decide who is who); notes and addresses keep
    // theirs, where a zero-width joiner may belong to an emoji.
    const text = (field: FieldId & keyof CustomerValues) => {
      const v = field === 'name' ? visible(field) : cell(field);
      if (v !== '') (values as Record<string, unknown>)[field] = v;
    };
    const key: Partial<Record<MatchKey, string>> = {};
    const id = readId('customerId');
    if (id) key.customerId = id;
    const card = readId('cardNo');
    if (card) key.cardNo = card;
    // Keqing's number counts only with the name it was exported with: a file from another
    // browser's store must not update a stranger who happens to hold that number here.
    const keqingNo = readId('keqingId');
    if (keqingNo) key.keqingId = keqingIdKey(keqingNo, cell('name'));
    const rawPhone = cell('phone');
    if (rawPhone !== '') {
      const phone = readPhone(rawPhone);
      if (phone.ok) key.phone = phone.value;
      else problem('phone', rawPhone, phone.error.code, 'warning');
    }
    let keyField: MatchKey | undefined;
    for (const k of keyOrder) {
      if (!key[k]) continue;
      keyField = k;
      break;
    }
    const customerKey = keyField ? { field: keyField, value: key[keyField]! } : null;
    // A sales line repeating a customer already complete in this file adds nothing to them
    // (earlier rows win): skip reading the profile again, most rows of a POS export.
    // A row naming someone with no key is filed by that name: one customer per name in the file.
    const keylessName = !customerKey && kind !== 'purchases' && options.keyless !== 'fail' ? cell('name') : '';
    // (A keyless row's customer is decided once its birthday is read, below.)
    let mapKey = '';
    let seenAt = customerKey ? keyedAt[customerKey.field].get(customerKey.value) : undefined;
    const earlier = kind === 'combined' ? seenAt : undefined;
    let complete = false;
    if (earlier !== undefined) {
      complete = completeAt[earlier] ?? false;
      if (!complete) complete = completeAt[earlier] = profileTargets.every((t) => t in customers[earlier]!.values);
    }
    if (kind !== 'purchases' && !complete) {
      if (key.customerId) values.externalId = key.customerId;
      if (key.cardNo) values.cardNo = key.cardNo;
      if (key.phone) values.phone = key.phone;
      text('name');
      if (values.name !== undefined) {
        // Twins: '王芳' and '王\u200B芳' are one name once the hidden character is gone, two people to the key.
        const hidden = values.name !== cell('name');
        const first = namesSeen.get(values.name);
        // (Keyed customers are told apart by field and value; a keyless row's key is not known yet here.)
        const nameKey = customerKey ? `${customerKey.field}:${customerKey.value}` : '';
        if (first === undefined) namesSeen.set(values.name, { line, hidden, key: nameKey });
        else if ((hidden || first.hidden) && first.key !== nameKey) problem('name', `${values.name} (${first.line})`, 'name.lookAlike', 'warning');
      }
      text('level');
      text('size');
      text('address');
      text('region');
      text('favouriteColour');
      text('favouriteStyle');
      text('favouriteLook');
      text('notes');
      const gender = cell('gender');
      if (gender !== '') {
        const g = genders[toHalfWidth(gender).trim().toLowerCase()];
        if (g) values.gender = g;
        else problem('gender', gender, 'gender.unknown', 'warning');
      }
      let birthday = cell('birthday');
      const birthdayType = cell('birthdayType');
      let lunarSaid = birthdayType === '' ? null : lunarWord(birthdayType);
      if (birthdayType !== '' && lunarSaid === null) {
        // A 农历生日 column may hold the lunar date itself: used when there is no solar birthday.
        const asDate = readBirthdayText(birthdayType, true);
        if (asDate === 'invalid' || 'solar' in asDate) problem('birthdayType', birthdayType, 'choice.unknown', 'warning');
        else if (birthday === '') [birthday, lunarSaid] = [birthdayType, true];
      }
      if (birthday !== '') {
        // 农历 birthdays (a 生日类型 column, or text such as 农历1990-08-15 / 1990年闰四月初八) are kept as typed.
        const read = readBirthdayText(birthday, lunarSaid);
        if (read === 'invalid') problem('birthday', birthday, 'date.invalid', 'warning');
        else if ('birthday' in read) {
          values.birthday = read.birthday;
          values.birthdayLunar = true;
          if (read.leap) values.birthdayLeap = true;
        } else {
          const d = parseDate(read.solar, birthdayOrder);
          if (!d.ok) problem('birthday', birthday, d.error.code, 'warning');
          else if (d.value.day <= today) values.birthday = isoFromDay(d.value.day);
          else if (options.futureBirthday === 'keep') {
            // Its own code, so the report says "imported: check it" rather than "not stored".
            problem('birthday', birthday, 'birthday.futureKept', 'warning');
            values.birthday = isoFromDay(d.value.day);
          } else problem('birthday', birthday, 'birthday.future', 'warning');
        }
      }
      for (const [field, min, max] of MEASURES) {
        const raw = cell(field);
        if (raw === '') continue;
        const v = parseDecimal(raw.replace(/cm$|厘米$/i, ''));
        if (v.ok && v.value >= min && v.value <= max) values[field] = v.value;
        else problem(field, raw, v.ok ? 'measure.outOfRange' : v.error.code, 'warning');
      }
      for (const [field, words, allowed, target] of CHOICES) {
        const raw = cell(field);
        if (raw === '') continue;
        const v = pickWord(raw, words as Record<string, string | undefined>, allowed as readonly string[]);
        if (v) (values as Record<string, unknown>)[target] = v;
        else problem(field, raw, 'choice.unknown', 'warning');
      }
    }

    if (keylessName) {
      mapKey = keylessKey(keylessName, values.birthday);
      seenAt = keylessAt.get(mapKey);
      if (!values.birthday) keylessUnborn.add(keylessName);
    }
    if (!customerKey) {
      const named = kind !== 'purchases' && cell('name') !== '';
      // Said once per customer (their first row), so the preview and the result name every one.
      if (keylessName && seenAt === undefined) problem('name', keylessName, 'customer.keyless', 'warning');
      else if (named && !keylessName) problem(null, row.join(' | ').slice(0, 200), 'customer.noKey', 'error');
      else if (!purchases && !named) problem(null, row.join(' | ').slice(0, 200), 'row.noIdentity', 'error');
    }
    if (purchases) {
      // A purchase line.
      const dateText = cell('date');
      const date = readDate(dateText);
      if (!date.ok) problem('date', dateText, date.error.code, 'error');
      const quantityText = cell('quantity');
      let quantity = 1;
      if (quantityText !== '') {
        const q = readDecimal(quantityText);
        if (q.ok) quantity = q.value;
        else problem('quantity', quantityText, q.error.code, 'error');
      }
      let price: number | null = null;
      const priceText = cell('unitPrice');
      if (priceText !== '') {
        const p = readDecimal(priceText);
        if (p.ok) price = p.value;
        else problem('unitPrice', priceText, p.error.code, 'error');
      }
      let amount: number | null = null;
      const amountText = cell('amount');
      if (amountText !== '') {
        const a = readDecimal(amountText);
        if (a.ok) {
          amount = fenOf(a.value);
          if (amount === null) problem('amount', amountText, 'number.overflow', 'error');
        } else problem('amount', amountText, a.error.code, 'error');
      } else if (price !== null) {
        amount = fenOf(price * quantity);
        if (amount === null) problem('unitPrice', `${quantityText || 1} × ${priceText}`, 'number.overflow', 'error');
      } else if (col.has('amount')) {
        problem('amount', amountText, 'number.empty', 'error');
      }
      if (amount !== null && Math.abs(amount) > HUGE_AMOUNT_FEN) problem(amountText !== '' ? 'amount' : 'unitPrice', amountText || priceText, 'amount.huge', 'warning');
      if (Math.abs(quantity) > HUGE_QUANTITY) problem('quantity', quantityText, 'quantity.huge', 'warning');
      const future = date.ok && date.value.day > today;
      if (future) problem('date', dateText, 'date.future', 'warning');
      const pointsText = cell('points');
      let points = Number.NaN;
      if (pointsText !== '') {
        const p = parseDecimal(pointsText);
        if (p.ok) points = p.value;
        else problem('points', pointsText, p.error.code, 'warning');
      }
      if ((rowProblems.length === 0 || !rowProblems.some((p) => p.severity === 'error')) && date.ok && amount !== null) {
        const orderNo = readId('orderNo');
        const itemNo = readId('itemNo');
        let flags = 0;
        if ((orderNo && /^C\d/i.test(orderNo)) || (hasCancelFlag && truthy.has(toHalfWidth(cell('cancelled')).trim().toLowerCase()))) flags |= LineFlag.cancellation;
        if (quantity < 0 || amount < 0) flags |= LineFlag.returned;
        if (price !== null && price <= 0) flags |= LineFlag.nonPositivePrice;
        else if (price === null && amount === 0) flags |= LineFlag.nonPositivePrice;
        if (!customerKey && !keylessName) flags |= LineFlag.noCustomer;
        const nonProductCode = itemNo && isNonProduct(itemNo) ? itemNo : isNonProduct(cell('itemName')) ? cell('itemName') : null;
        if (nonProductCode !== null) {
          flags |= LineFlag.nonProduct;
          const key = codeKey(nonProductCode);
          nonProductMatches[key] = (nonProductMatches[key] ?? 0) + 1;
        }
        if (future) flags |= LineFlag.futureDate;
        if (flags !== 0) for (const cls of cleaningClasses) if (flags & LineFlag[cls]) classCounts[cls]++;
        if (c.length === capacity) grow();
        const i = c.length++;
        if (purchases) rowKept[record] = i;
        c.day[i] = date.value.day;
        c.amount[i] = amount;
        c.quantity[i] = quantity;
        c.points[i] = points;
        c.flags[i] = flags;
        c.orderNo[i] = indexes.orders.intern(orderNo);
        c.itemNo[i] = indexes.items.intern(itemNo);
        // A customer met before in this file: their key's index kept with them (one lookup a row less).
        let ref = seenAt === undefined || !customerKey ? -2 : refOf[seenAt]!;
        if (ref === -2) {
          ref = indexes.refs.intern(customerKey?.value);
          if (seenAt !== undefined && customerKey) refOf[seenAt] = ref;
        }
        c.customerRef[i] = ref;
        rowRef = ref;
        lineSource[i] = line;
        lineRefField[i] = customerKey ? matchKeys.indexOf(customerKey.field) : 0;
        // The customer is added below, once the row is known to be valid (it is: no error so far).
        lineKeyless[i] = keylessName ? (seenAt ?? customers.length) : -1;
      }
    }

    if (rowProblems.length > 0) {
      for (const p of rowProblems) problems.push(p);
      if (rowProblems.some((p) => p.severity === 'error')) return;
    }
    valid++;
    if (kind === 'purchases' || (!customerKey && !mapKey)) return;
    // One record per customer: later rows with the same key fill what earlier ones left empty.
    const at = seenAt;
    if (at === undefined) {
      if (customerKey) keyedAt[customerKey.field].set(customerKey.value, customers.length);
      else keylessAt.set(mapKey, customers.length);
      refOf.push(customerKey ? rowRef : -2);
      customers.push({ line, key: customerKey, values });
    } else {
      const earlier = customers[at]!;
      if (kind === 'customers') {
        const [field, value] = customerKey ? [customerKey.field, customerKey.value] : (['name', keylessName] as const);
        problems.push({ line, column: headers[col.get(field)!] ?? null, value, code: 'customer.duplicateInFile', severity: 'warning' });
      }
      for (const field in values) if (!(field in earlier.values)) (earlier.values as Record<string, unknown>)[field] = values[field as keyof CustomerValues];
    }
  });

  const firstRows = purchases ? markRepeats() : { hash: new Float64Array(0), line: new Int32Array(0) };

  /**
   * A purchase row exactly like an earlier one: its line is flagged, and 'row.repeated' (naming the
   * earlier row's line) comes first among the row's problems. The rows seen first, in their order.
   */
  function markRepeats() {
    const first = firstOccurrences(rowHashes, hashed);
    let unique = 0;
    let copied = 0;
    const withRepeats: RowProblem[] = [];
    for (let r = 0; r < hashed; r++) {
      const f = first[r]!;
      if (f === -1) {
        unique++;
        continue;
      }
      for (const at = rowProblemsAt[r]!; copied < at; copied++) withRepeats.push(problems[copied]!);
      withRepeats.push({ line: rowLines[r]!, column: null, value: String(rowLines[f]!), code: 'row.repeated', severity: 'warning' });
      const i = rowKept[r]!;
      if (i >= 0) {
        c.flags[i]! |= LineFlag.repeated;
        classCounts.repeated++;
      }
    }
    if (withRepeats.length > 0) {
      for (; copied < problems.length; copied++) withRepeats.push(problems[copied]!);
      problems = withRepeats;
    }
    const hash = new Float64Array(unique);
    const line = new Int32Array(unique);
    for (let r = 0, u = 0; r < hashed; r++) {
      if (first[r] !== -1) continue;
      hash[u] = rowHashes[r]!;
      line[u++] = rowLines[r]!;
    }
    return { hash, line };
  }

  const trim = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => (spare ? a.subarray(0, c.length) : a.slice(0, c.length)) as T;
  const columns: PurchaseColumns | null = purchases
    ? { ...c, day: trim(c.day), customerId: trim(c.customerId), amount: trim(c.amount), quantity: trim(c.quantity), points: trim(c.points), flags: trim(c.flags), orderNo: trim(c.orderNo), itemNo: trim(c.itemNo), customerRef: trim(c.customerRef) }
    : null;
  const converted: Converted = {
    kind,
    headers,
    rowsRead,
    rowsValid: valid,
    summaryLines,
    problems,
    customers,
    lines: columns,
    lineSource: trim(lineSource),
    lineRefField: trim(lineRefField),
    lineKeyless: trim(lineKeyless),
    ...(keylessUnborn.size ? { keylessUnborn: [...keylessUnborn] } : {}),
    classCounts,
    nonProductMatches,
    dateEvidence: inferred.evidence,
    firstRows,
  };
  built.set(converted, { ...indexes, keyedAt });
  return converted;
}

/**
 * What convertRows built on the way for a conversion, which mergeConverted takes over (once)
 * rather than building again from its lists: the dictionaries' indexes (half a million order
 * numbers of a large file's first part) and where each customer is by their key. Held aside, so it
 * is never cloned to another worker nor compared in a test; gone with the conversion.
 */
const built = new WeakMap<Converted, { orders: Interner; items: Interner; refs: Interner; keyedAt: Record<MatchKey, Map<string, number>> }>();


/**
 * Whether a name filed without a key has a birthday in the first part and, in the second, is first
 * met with another one while some row of it there gives none. One pass files such a row with the
 * first part's person (the name's first birthday) and the other birthday's rows as another person;
 * the second part alone filed both with its own first-born, and which of its rows had no birthday
 * is not known here. Rare (a name, no key, two birthdays, a row with none, across the cut): the
 * caller converts the whole file instead.
 */
function birthdaysSplitAName(a: Converted, b: Converted): boolean {
  if (!b.keylessUnborn?.length) return false;
  const unborn = new Set(b.keylessUnborn);
  const bornInA = new Map<string, string | undefined>();
  for (const c of a.customers) if (!c.key && c.values.name && !bornInA.has(c.values.name)) bornInA.set(c.values.name, c.values.birthday);
  const metInB = new Set<string>();
  for (const c of b.customers) {
    const name = c.values.name;
    if (c.key || !name || metInB.has(name)) continue;
    metInB.add(name);
    const first = bornInA.get(name);
    if (unborn.has(name) && first !== undefined && c.values.birthday !== undefined && c.values.birthday !== first) return true;
  }
  return false;
}

/**
 * Joins the conversions of two consecutive parts of one file (`b` after `a`) into what
 * converting the whole file gives: rows and counts add up, problems stay in line order, purchase
 * lines follow each other with `b`'s texts re-numbered into `a`'s dictionaries, and a customer
 * met in both parts keeps `a`'s values, with `b` filling what `a` left empty (later rows fill
 * earlier gaps), reported as a duplicate in a customer list as the whole-file pass would.
 * Null (nothing changed) when the parts cannot be joined exactly: convert the whole file in one pass.
 */
export function mergeConverted(a: Converted, b: Converted, mapping: Mapping): Converted | null {
  if (birthdaysSplitAName(a, b)) return null;
  const own = built.get(a);
  built.delete(a); // taken over: changed below
  const customers = a.customers.map((c) => ({ ...c, values: { ...c.values } }));
  // Where each customer is by the key they were filed under: a's own maps from its conversion
  // (no key text built per customer: 100,000 customers are a long serial step), or built here.
  let keyedAt = own?.keyedAt;
  if (!keyedAt) {
    const maps = Object.fromEntries(matchKeys.map((k) => [k, new Map<string, number>()])) as Record<MatchKey, Map<string, number>>;
    a.customers.forEach((c, i) => {
      if (c.key && !maps[c.key.field].has(c.key.value)) maps[c.key.field].set(c.key.value, i);
    });
    keyedAt = maps;
  }
  // A keyless customer is one per name, as in convertRows: another only when the birthdays differ.
  const namedAt = new Map<string, number>();
  const nameKeyOf = (c: ImportedCustomer) => {
    if (!c.values.name) return null;
    const k = `\u0000name:${c.values.name}`;
    const first = namedAt.get(k);
    const born = first === undefined ? undefined : customers[first]!.values.birthday;
    return born && c.values.birthday && born !== c.values.birthday ? `${k}\u0000${c.values.birthday}` : k;
  };
  a.customers.forEach((c, i) => {
    const k = c.key ? null : nameKeyOf(c);
    if (k !== null && !namedAt.has(k)) namedAt.set(k, i);
  });
  const problems = [...a.problems];
  const extra: RowProblem[] = [];
  // Where each of b's customers ended up, for its keyless lines.
  const movedTo = new Int32Array(b.customers.length);
  const warnedAgain = new Set<number>();
  for (const [bi, c] of b.customers.entries()) {
    const k = c.key ? null : nameKeyOf(c);
    const i = c.key ? keyedAt[c.key.field].get(c.key.value) : k === null ? undefined : namedAt.get(k);
    if (i === undefined) {
      if (c.key) keyedAt[c.key.field].set(c.key.value, customers.length);
      else if (k !== null) namedAt.set(k, customers.length);
      movedTo[bi] = customers.length;
      customers.push(c);
      continue;
    }
    movedTo[bi] = i;
    // Named in the first part already: b's "filed by name" warning for it is the whole file's second (one pass warns once).
    if (!c.key) warnedAgain.add(c.line);
    const earlier = customers[i]!;
    for (const field in c.values) if (!(field in earlier.values)) (earlier.values as Record<string, unknown>)[field] = c.values[field as keyof CustomerValues];
    if (a.kind === 'customers') {
      const [field, value] = c.key ? [c.key.field, c.key.value] : (['name', c.values.name ?? ''] as const);
      extra.push({ line: c.line, column: a.headers[mapping.indexOf(field)] ?? null, value, code: 'customer.duplicateInFile', severity: 'warning' });
    }
  }
  // A row of `b` first seen there but already in `a` is a repeat, as the whole-file pass says.
  const seenA = a.firstRows.hash.length;
  const both = { hash: concatTyped(a.firstRows.hash, b.firstRows.hash), line: concatTyped(a.firstRows.line, b.firstRows.line) };
  const earlierOf = firstOccurrences(both.hash);
  const repeatedLines = new Set<number>();
  for (let i = seenA; i < both.hash.length; i++) {
    const earlier = earlierOf[i]!;
    if (earlier === -1) continue;
    const line = both.line[i]!;
    repeatedLines.add(line);
    extra.push({ line, column: null, value: String(both.line[earlier]!), code: 'row.repeated', severity: 'warning' });
  }
  // The rows seen first in the whole file, in their order.
  const firstRows = repeatedLines.size === 0 ? both : { hash: both.hash.filter((_, i) => earlierOf[i] === -1), line: both.line.filter((_, i) => earlierOf[i] === -1) };
  const classCounts = { ...a.classCounts };
  for (const cls of cleaningClasses) classCounts[cls] += b.classCounts[cls];
  // A first part made room for the whole file (convertRows `spare`), taken over here: the joined
  // columns are written in that room (the serial step after both parts: no 40 MB copied again).
  const inPlace = own !== undefined;
  let bLines = b.lines;
  if (bLines && repeatedLines.size > 0) {
    const flags = bLines.flags.slice();
    b.lineSource.forEach((line, i) => {
      if (repeatedLines.has(line) && !(flags[i]! & LineFlag.repeated)) {
        flags[i] = flags[i]! | LineFlag.repeated;
        classCounts.repeated++;
      }
    });
    bLines = { ...bLines, flags };
  }
  // A duplicate found across the parts is reported on its own row, in line order (a row's own
  // problems in the order the whole-file pass finds them: the repeat is found before the line is kept).
  // (b's own problems are in that order already: nothing to sort without extra ones.)
  const rank = (p: RowProblem) => (p.code === 'row.repeated' ? 0 : p.code === 'customer.duplicateInFile' ? 2 : 1);
  const bOwn = warnedAgain.size === 0 ? b.problems : b.problems.filter((p) => !(p.code === 'customer.keyless' && warnedAgain.has(p.line)));
  const bProblems = extra.length === 0 ? bOwn : [...bOwn, ...extra].sort((x, y) => x.line - y.line || rank(x) - rank(y));
  for (const p of bProblems) problems.push(p);
  const nonProductMatches = { ...a.nonProductMatches };
  for (const [code, n] of Object.entries(b.nonProductMatches)) nonProductMatches[code] = (nonProductMatches[code] ?? 0) + n;
  return {
    kind: a.kind,
    headers: a.headers,
    rowsRead: a.rowsRead + b.rowsRead,
    rowsValid: a.rowsValid + b.rowsValid,
    summaryLines: [...a.summaryLines, ...b.summaryLines],
    problems,
    customers,
    lines: a.lines && bLines ? concatColumns(a.lines, bLines, own) : a.lines,
    lineSource: concatTyped(a.lineSource, b.lineSource, inPlace),
    lineRefField: concatTyped(a.lineRefField, b.lineRefField, inPlace),
    lineKeyless: joinedIndexes(a.lineKeyless, b.lineKeyless, movedTo, inPlace),
    ...(a.keylessUnborn || b.keylessUnborn ? { keylessUnborn: [...new Set([...(a.keylessUnborn ?? []), ...(b.keylessUnborn ?? [])])] } : {}),
    classCounts,
    nonProductMatches,
    dateEvidence: a.dateEvidence,
    firstRows,
  };
}

type Column = Int32Array | Float64Array | Uint8Array;

/**
 * `x` followed by room for `more`: in the room `x`'s buffer holds past it when `inPlace` allows
 * (`x` itself unchanged: a view of its start), else a new array with `x` copied in.
 */
function extended<T extends Column>(x: T, more: number, inPlace: boolean): T {
  const n = x.length + more;
  if (inPlace && x.byteOffset === 0 && x.buffer.byteLength >= n * x.BYTES_PER_ELEMENT) return new (x.constructor as new (b: ArrayBufferLike, at: number, n: number) => T)(x.buffer, 0, n);
  const out = new (x.constructor as new (n: number) => T)(n);
  out.set(x);
  return out;
}

function concatTyped<T extends Column>(x: T, y: T, inPlace = false): T {
  const out = extended(x, y.length, inPlace);
  out.set(y, x.length);
  return out;
}

/** `x`, then `y`'s indexes through `to` (-1 stays -1). Plain loops: Int32Array.from with a function is many times slower. */
function joinedIndexes(x: Int32Array, y: Int32Array, to: Int32Array, inPlace: boolean): Int32Array {
  const out = extended(x, y.length, inPlace);
  for (let i = 0, o = x.length; i < y.length; i++, o++) {
    const v = y[i]!;
    out[o] = v < 0 ? -1 : to[v]!;
  }
  return out;
}

/**
 * `b`'s lines after `a`'s, `b`'s dictionary indexes re-numbered into copies of `a`'s dictionaries
 * (through `a`'s indexes when convertRows left them).
 */
function concatColumns(a: PurchaseColumns, b: PurchaseColumns, own?: { orders: Interner; items: Interner; refs: Interner }): PurchaseColumns {
  const orderDict = a.orderDict.slice();
  const itemDict = a.itemDict.slice();
  const customerRefDict = a.customerRefDict.slice();
  // `b`'s dictionary holds each text once, so only `a`'s texts are looked up: none is added to the index.
  // (Order numbers in order: each of `b`'s is past `a`'s last, found so by one compare.)
  const remap = (dict: string[], from: readonly string[], kept: Interner) => {
    const to = new Int32Array(from.length);
    for (let j = 0; j < from.length; j++) {
      const text = from[j]!;
      let i = kept.indexOf(text);
      if (i < 0) {
        i = dict.length;
        dict.push(text);
      }
      to[j] = i;
    }
    return to;
  };
  const orders = remap(orderDict, b.orderDict, own?.orders ?? new Interner(a.orderDict));
  const items = remap(itemDict, b.itemDict, own?.items ?? new Interner(a.itemDict));
  const refs = remap(customerRefDict, b.customerRefDict, own?.refs ?? new Interner(a.customerRefDict));
  // Joined as they are re-numbered: each column is written once, not built and then copied.
  const inPlace = own !== undefined;
  return {
    length: a.length + b.length,
    day: concatTyped(a.day, b.day, inPlace),
    customerId: concatTyped(a.customerId, b.customerId, inPlace),
    amount: concatTyped(a.amount, b.amount, inPlace),
    quantity: concatTyped(a.quantity, b.quantity, inPlace),
    points: concatTyped(a.points, b.points, inPlace),
    flags: concatTyped(a.flags, b.flags, inPlace),
    orderNo: joinedIndexes(a.orderNo, b.orderNo, orders, inPlace),
    itemNo: joinedIndexes(a.itemNo, b.itemNo, items, inPlace),
    customerRef: joinedIndexes(a.customerRef, b.customerRef, refs, inPlace),
    orderDict,
    itemDict,
    customerRefDict,
  };
}
