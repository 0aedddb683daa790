/**
 * Activity logs (rep, date, start/end or minutes, category) through the customer importer's own
 * machinery: the same decode → parse → header row → column mapping → per-row problems (file line,
 * column, value, code) → preview → all-or-nothing write. Only the header words and this row
 * converter are the activity log's own; the worker session (src/workers/import.worker.ts) holds
 * the file as it does for customers.
 */
import type { FileError, OpenedFile } from '../import/analyse';
import type { RowProblem, RowSource } from '../import/convert';
import { headerKey } from '../import/fields';
import { autoMap, findHeaderRow } from '../import/mapping';
import { previewBaseOf, type PreviewBase } from '../import/preview';
import { convertBelowHeader } from '../import/records';
import { dateReader, inferDateOrder, type DateOrder } from '../import/values/date';
import { cleanCell } from '../import/values/text';
import type { Result } from '../result';
import { MINUTES_PER_DAY, parseClock, parseDuration, type TimeEntry } from './entries';
import { findCategory, findRep, isActive, type Category, type Rep } from './setup';
import { checkEntries } from './validate';

export const activityFields = ['rep', 'date', 'start', 'end', 'minutes', 'category'] as const;
export type ActivityField = (typeof activityFields)[number];
export type ActivityMapping = (ActivityField | null)[];

const synonyms: Record<ActivityField, string[]> = {
  rep: ['销售员', '业务员', '销售代表', '客户代表', '员工', '员工姓名', '店员', '导购', '姓名', 'rep', 'salesrep', 'salesperson', 'seller', 'staff', 'employee', 'name'],
  date: ['日期', '工作日期', '记录日期', 'date', 'day', 'workdate'],
  start: ['开始', '开始时间', '起始时间', '起', 'start', 'starttime', 'from', 'begin'],
  end: ['结束', '结束时间', '截止时间', '止', 'end', 'endtime', 'to', 'finish'],
  minutes: ['分钟', '时长', '用时', '分钟数', '耗时', '时间', 'minutes', 'mins', 'min', 'duration', 'time'],
  category: ['活动', '类别', '活动类别', '工作内容', '事项', '类型', 'category', 'activity', 'type', 'task'],
};

const byKey = new Map<string, ActivityField>();
for (const field of activityFields) for (const word of synonyms[field]) byKey.set(headerKey(word), field);

export const activityFieldForHeader = (header: string): ActivityField | null => byKey.get(headerKey(header)) ?? null;

/** What the store knows when a log is read: its categories and reps, to match names against. */
export interface ActivityContext {
  categories: Category[];
  reps: Rep[];
}

export interface ActivitySettings {
  headerRow?: number;
  mapping?: ActivityMapping;
  dateOrder?: DateOrder | null;
  /** Category text in the file → category id, for words the store does not use. */
  categoryMap?: Record<string, string>;
}

export interface ResolvedActivitySettings {
  headerRow: number;
  mapping: ActivityMapping;
  dateOrder: DateOrder | null;
  categoryMap: Record<string, string>;
}

export function resolveActivitySettings(file: OpenedFile, settings: ActivitySettings): ResolvedActivitySettings {
  const rows = file.parsed.rows;
  const headerRow = Math.min(settings.headerRow ?? findHeaderRow(rows, activityFieldForHeader), rows.length - 1);
  const headers = rows[headerRow]!;
  const mapping = settings.mapping && settings.mapping.length === headers.length ? settings.mapping : autoMap(headers, activityFieldForHeader);
  return { headerRow, mapping, dateOrder: settings.dateOrder ?? null, categoryMap: settings.categoryMap ?? {} };
}

export type ActivityMappingProblem = { code: 'mapping.noRep' } | { code: 'mapping.noActivityDate' } | { code: 'mapping.noCategory' } | { code: 'mapping.noDuration' };

export function activityMappingProblems(mapping: ActivityMapping): ActivityMappingProblem[] {
  const has = (f: ActivityField) => mapping.includes(f);
  const problems: ActivityMappingProblem[] = [];
  if (!has('rep')) problems.push({ code: 'mapping.noRep' });
  if (!has('date')) problems.push({ code: 'mapping.noActivityDate' });
  if (!has('category')) problems.push({ code: 'mapping.noCategory' });
  if (!has('minutes') && !(has('start') && has('end'))) problems.push({ code: 'mapping.noDuration' });
  return problems;
}

export interface ActivityConverted {
  headers: string[];
  rowsRead: number;
  rowsValid: number;
  problems: RowProblem[];
  /** Valid entries; `rep` is a stored rep's id, or `new:<name>` for a rep the store does not have yet. */
  entries: TimeEntry[];
  /** The file line of each entry. */
  entryLines: number[];
  newReps: string[];
  /** Category words the store does not know, with how many rows use each (those rows are rejected until mapped). */
  unknownCategories: { value: string; rows: number }[];
  dateEvidence: ReturnType<typeof inferDateOrder>['evidence'];
}

export const NEW_REP = 'new:';

export function convertActivityRows(headers: string[], sample: readonly string[][], source: RowSource, s: ResolvedActivitySettings, context: ActivityContext): ActivityConverted {
  const col = new Map<ActivityField, number>();
  s.mapping.forEach((f, i) => f && col.set(f, i));
  const dateCol = col.get('date');
  const inferred = inferDateOrder(dateCol === undefined ? [] : sample.slice(0, 5_000).map((r) => r[dateCol] ?? ''));
  const readDate = dateReader(s.dateOrder ?? inferred.order);
  const problems: RowProblem[] = [];
  const entries: TimeEntry[] = [];
  const entryLines: number[] = [];
  const newReps: string[] = [];
  const unknown = new Map<string, number>();
  let rowsRead = 0;
  let row: readonly string[] = [];
  let line = 0;
  let rowProblems: RowProblem[] = [];
  const problem = (field: ActivityField | null, value: string, code: string, severity: 'error' | 'warning' = 'error') =>
    rowProblems.push({ line, column: field === null ? null : (headers[col.get(field)!] ?? null), value, code, severity });
  const cell = (field: ActivityField) => {
    const i = col.get(field);
    return i === undefined ? '' : cleanCell(row[i] ?? '');
  };

  source((nextRow, nextLine) => {
    row = nextRow;
    line = nextLine;
    rowsRead++;
    rowProblems = [];
    if (row.length > headers.length && row.slice(headers.length).some((c) => cleanCell(c) !== '')) problem(null, row.slice(headers.length).join(' | ').slice(0, 200), 'row.tooManyCells');

    const repText = cell('rep');
    let rep = '';
    if (repText === '') problem('rep', repText, 'timeuse.repEmpty');
    else {
      const known = findRep(context.reps, repText);
      if (known) rep = known.id;
      else {
        const existing = newReps.find((n) => n.toLowerCase() === repText.toLowerCase());
        if (!existing) newReps.push(repText);
        rep = NEW_REP + (existing ?? repText);
      }
    }

    const dateText = cell('date');
    const date = readDate(dateText);
    if (!date.ok) problem('date', dateText, date.error.code);

    const categoryText = cell('category');
    let category: Category | undefined;
    if (categoryText === '') problem('category', categoryText, 'timeuse.categoryEmpty');
    else {
      const mapped = s.categoryMap[categoryText];
      category = mapped ? context.categories.find((c) => c.id === mapped) : findCategory(context.categories, categoryText);
      if (!category) {
        unknown.set(categoryText, (unknown.get(categoryText) ?? 0) + 1);
        problem('category', categoryText, 'timeuse.categoryUnknown');
      } else if (date.ok && !isActive(category, date.value.day)) problem('category', categoryText, 'timeuse.categoryRetired');
    }

    const startText = cell('start');
    const endText = cell('end');
    const minutesText = cell('minutes');
    let start: number | null = null;
    let end: number | null = null;
    if (startText !== '' || endText !== '') {
      start = parseClock(startText);
      end = parseClock(endText);
      if (start === null) problem('start', startText, 'timeuse.timeInvalid');
      if (end === null) problem('end', endText, 'timeuse.timeInvalid');
      if (start !== null && end !== null && end <= start) problem('end', endText, 'timeuse.endBeforeStart');
    }
    let minutes: number | null = null;
    if (minutesText !== '') {
      minutes = parseDuration(minutesText);
      if (minutes === null || minutes <= 0 || minutes > MINUTES_PER_DAY) {
        problem('minutes', minutesText, 'timeuse.durationInvalid');
        minutes = null;
      }
    }
    const timed = start !== null && end !== null && end > start;
    if (timed) {
      if (minutes !== null && minutes !== end! - start!) problem('minutes', minutesText, 'timeuse.minutesMismatch', 'warning');
      minutes = end! - start!;
    } else if (minutesText === '' && startText === '' && endText === '') problem(null, row.join(' | ').slice(0, 200), 'timeuse.noDuration');

    if (rowProblems.length) problems.push(...rowProblems);
    if (rowProblems.some((p) => p.severity === 'error') || !date.ok || !category || minutes === null || rep === '') return;
    const entry: TimeEntry = { rep, day: date.value.day, category: category.id, minutes };
    if (timed) {
      entry.start = start!;
      entry.end = end!;
    }
    entries.push(entry);
    entryLines.push(line);
  });

  // Across rows: a rep's day over 24 h rejects that day's rows; overlapping times are flagged.
  const rejected = new Set<number>();
  for (const p of checkEntries(entries, context.categories)) {
    const at = entryLines[p.index]!;
    if (p.code === 'timeuse.dayOver24h') {
      rejected.add(p.index);
      problems.push({ line: at, column: null, value: String(p.minutes), code: p.code, severity: 'error' });
    } else if (p.code === 'timeuse.overlap') problems.push({ line: at, column: headers[col.get('start') ?? -1] ?? null, value: String(entryLines[p.other]), code: p.code, severity: 'warning' });
  }
  problems.sort((a, b) => a.line - b.line);
  const keep = entries.map((_, i) => i).filter((i) => !rejected.has(i));
  return {
    headers,
    rowsRead,
    rowsValid: keep.length,
    problems,
    entries: keep.map((i) => entries[i]!),
    entryLines: keep.map((i) => entryLines[i]!),
    newReps,
    unknownCategories: [...unknown.entries()].map(([value, rows]) => ({ value, rows })).sort((a, b) => b.rows - a.rows),
    dateEvidence: inferred.evidence,
  };
}

export function convertActivityFile(file: OpenedFile, s: ResolvedActivitySettings, context: ActivityContext, onProgress?: (fraction: number) => void): Result<ActivityConverted, FileError> {
  return convertBelowHeader(file, s.headerRow, (headers, head, source) => convertActivityRows(headers, head, source, s, context), onProgress);
}

export interface ActivityPreview extends PreviewBase {
  settings: ResolvedActivitySettings;
  mappingProblems: ActivityMappingProblem[];
  dateEvidence: ActivityConverted['dateEvidence'];
  newReps: string[];
  unknownCategories: ActivityConverted['unknownCategories'];
  sampleEntries: (TimeEntry & { line: number })[];
  minutesInFile: number;
}

export function activityPreviewOf(file: OpenedFile, s: ResolvedActivitySettings, c: ActivityConverted): ActivityPreview {
  return {
    ...previewBaseOf(file, s, c, activityMappingProblems(s.mapping)),
    dateEvidence: c.dateEvidence,
    newReps: c.newReps,
    unknownCategories: c.unknownCategories,
    sampleEntries: c.entries.slice(0, 20).map((e, i) => ({ ...e, line: c.entryLines[i]! })),
    minutesInFile: c.entries.reduce((s2, e) => s2 + e.minutes, 0),
  };
}
