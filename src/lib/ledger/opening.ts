/**
 * Opening balances (期初余额) from a small CSV keyed by phone: 手机号, 积分, 本金, 赠送金.
 * Read with the customer importer's own machinery (decode, parse, header row, phone rules); only
 * the header words and the row reader are the ledger's own. 本金 / 赠送金 are in yuan, stored in fen.
 */
import { decodeBytes, type DecodeError } from '../import/decode';
import { headerKey } from '../import/fields';
import { autoMap, findHeaderRow } from '../import/mapping';
import { parseRows, type ParseError } from '../import/parse';
import { parseDecimal, toFen } from '../import/values/number';
import { normalisePhone, type PhoneError } from '../import/values/phone';
import { cleanCell } from '../import/values/text';
import { err, ok, type Result } from '../result';

export const openingFields = ['phone', 'points', 'principal', 'bonus'] as const;
export type OpeningField = (typeof openingFields)[number];

const synonyms: Record<OpeningField, string[]> = {
  phone: ['手机号', '手机', '手机号码', '电话', '联系电话', '会员手机', 'phone', 'mobile', 'tel'],
  points: ['积分', '积分余额', '期初积分', '可用积分', 'points', 'pointsbalance'],
  principal: ['本金', '储值本金', '本金余额', '储值', '储值余额', 'principal', 'storedvalue', 'balance'],
  bonus: ['赠送金', '赠送金额', '赠金', '赠送余额', 'bonus', 'gift', 'giftbalance'],
};
const byKey = new Map<string, OpeningField>();
for (const field of openingFields) for (const word of synonyms[field]) byKey.set(headerKey(word), field);
export const openingFieldForHeader = (header: string): OpeningField | null => byKey.get(headerKey(header)) ?? null;

export interface OpeningRow {
  /** 1-based file line. */
  line: number;
  phone: string;
  points: number;
  /** Fen. */
  principal: number;
  bonus: number;
}

export type OpeningRowProblem = { line: number; field: OpeningField; value: string; code: PhoneError['code'] | 'opening.badNumber' | 'opening.negative' | 'opening.duplicatePhone' };

export type OpeningFileError = DecodeError | ParseError | { code: 'opening.noPhoneColumn' } | { code: 'opening.noAmountColumn' } | { code: 'file.noRows' };

export interface OpeningFile {
  rows: OpeningRow[];
  problems: OpeningRowProblem[];
}

/** Reads the file: good rows, and each bad cell with its line, field, value and reason. */
export function readOpeningFile(bytes: Uint8Array): Result<OpeningFile, OpeningFileError> {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseRows(decoded.value.text);
  if (!parsed.ok) return parsed;
  const { rows, lines } = parsed.value;
  if (rows.length === 0) return err({ code: 'file.noRows' });
  const headerRow = findHeaderRow(rows, openingFieldForHeader);
  const mapping = autoMap(rows[headerRow]!, openingFieldForHeader);
  const column = (f: OpeningField) => mapping.indexOf(f);
  if (column('phone') < 0) return err({ code: 'opening.noPhoneColumn' });
  if (column('points') < 0 && column('principal') < 0 && column('bonus') < 0) return err({ code: 'opening.noAmountColumn' });

  const good: OpeningRow[] = [];
  const problems: OpeningRowProblem[] = [];
  const seen = new Set<string>();
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = lines[r]!;
    const cell = (f: OpeningField) => (column(f) < 0 ? '' : cleanCell(row[column(f)] ?? ''));
    const bad = (field: OpeningField, code: OpeningRowProblem['code']) => problems.push({ line, field, value: cell(field), code });
    const phone = normalisePhone(cell('phone'));
    if (!phone.ok) {
      bad('phone', phone.error.code);
      continue;
    }
    if (seen.has(phone.value)) {
      bad('phone', 'opening.duplicatePhone');
      continue;
    }
    const values: Partial<Record<OpeningField, number>> = {};
    let rowOk = true;
    for (const f of ['points', 'principal', 'bonus'] as const) {
      const text = cell(f);
      if (text === '') {
        values[f] = 0;
        continue;
      }
      const n = parseDecimal(text);
      // Points are whole; money has at most fen.
      const value = n.ok ? (f === 'points' ? n.value : toFen(n.value)) : NaN;
      if (!n.ok || !Number.isSafeInteger(value)) {
        bad(f, 'opening.badNumber');
        rowOk = false;
      } else if (value < 0) {
        bad(f, 'opening.negative');
        rowOk = false;
      } else values[f] = value;
    }
    if (!rowOk) continue;
    seen.add(phone.value);
    good.push({ line, phone: phone.value, points: values.points ?? 0, principal: values.principal ?? 0, bonus: values.bonus ?? 0 });
  }
  return ok({ rows: good, problems });
}

/** The opening balances template (导入模板): fixed Chinese headers under a 填写说明 line the reader skips as a title. */
export const openingTemplateColumns: { header: string; note: string }[] = [
  { header: '手机号', note: '填写说明：必填；11 位手机号，可带 +86、空格或横线；设为文本格式以免 Excel 改成科学计数法' },
  { header: '积分', note: '期初积分，整数，不填为 0' },
  { header: '本金（元）', note: '储值本金余额，元，不填为 0' },
  { header: '赠送金（元）', note: '赠送金余额，元，不填为 0' },
];
