/**
 * 成长值 member levels, the optional scheme beside the A/B/C tiers (issue 10). Pure.
 *
 * - Growth value on a day: floor(net ¥ × growth per ¥) over the purchases of the last
 *   `validityDays` days (that day included); returns are negative lines, so they deduct.
 * - Upgrade at once: when the growth value reaches a higher level's threshold, the customer moves
 *   up and the level is valid for `validityDays` from that day.
 * - While valid, a level is held even if the growth value falls.
 * - When it lapses (the review day is on or after `validUntil`): net spend over the last
 *   `validityDays` of at least `keepAmountFen` (保级) keeps the level for another period;
 *   otherwise the level is recomputed from the growth value (usually lower), valid from that day.
 * - A manager's adjustment with lock pins the level: reviews leave it until unlocked.
 * Every change goes to the shared tier log with `scheme: 'growth'` (see GrowthLogEntry).
 */
import { err, ok, type Result } from '../result';
import { dayFromYmd, ymdFromDay } from '../dates';
import type { GrowthState } from './state';

export interface GrowthLevel {
  name: string;
  /** Growth value needed (inclusive); the first level's is 0. */
  threshold: number;
}

export interface GrowthScheme {
  enabled: boolean;
  /** Growth points per ¥ of net spend. */
  perYuan: number;
  /** Ascending thresholds, the first 0. */
  levels: GrowthLevel[];
  /** Days a level stays valid, and the window growth is counted over. */
  validityDays: number;
  /** 保级: net spend (fen) within the last period that keeps the level when it lapses; 0 = none. */
  keepAmountFen: number;
}

export const defaultGrowthScheme: GrowthScheme = {
  enabled: false,
  perYuan: 1,
  levels: [
    { name: '普通会员', threshold: 0 },
    { name: '银卡', threshold: 1_000 },
    { name: '金卡', threshold: 5_000 },
    { name: '钻石卡', threshold: 20_000 },
  ],
  validityDays: 365,
  keepAmountFen: 300_000,
};

export type GrowthSchemeError =
  | { code: 'growth.badNumber'; field: 'perYuan' | 'validityDays' | 'keepAmountFen' }
  | { code: 'growth.noLevels' }
  | { code: 'growth.levelName'; index: number }
  | { code: 'growth.thresholdOrder'; index: number };

export function validateGrowthScheme(s: GrowthScheme): Result<GrowthScheme, GrowthSchemeError> {
  if (!Number.isFinite(s.perYuan) || s.perYuan <= 0) return err({ code: 'growth.badNumber', field: 'perYuan' });
  if (!Number.isSafeInteger(s.validityDays) || s.validityDays <= 0) return err({ code: 'growth.badNumber', field: 'validityDays' });
  if (!Number.isSafeInteger(s.keepAmountFen) || s.keepAmountFen < 0) return err({ code: 'growth.badNumber', field: 'keepAmountFen' });
  if (s.levels.length === 0) return err({ code: 'growth.noLevels' });
  for (const [i, l] of s.levels.entries()) {
    if (l.name.trim() === '' || s.levels.findIndex((x) => x.name.trim() === l.name.trim()) !== i) return err({ code: 'growth.levelName', index: i });
    const prev = s.levels[i - 1];
    const orderOk = i === 0 ? l.threshold === 0 : Number.isSafeInteger(l.threshold) && l.threshold > prev!.threshold;
    if (!orderOk) return err({ code: 'growth.thresholdOrder', index: i });
  }
  return ok(s);
}

/** A customer's dated net amounts (fen), sorted by day; returns negative. */
export interface Spend {
  day: number;
  fen: number;
}

/** Running sums over a customer's spends, for window sums by binary search. */
export interface SpendIndex {
  days: number[];
  /** prefix[i] = sum of fen over spends[0..i). */
  prefix: number[];
}

export function indexSpends(spends: readonly Spend[]): SpendIndex {
  const sorted = [...spends].sort((a, b) => a.day - b.day);
  const prefix = [0];
  for (const s of sorted) prefix.push(prefix.at(-1)! + s.fen);
  return { days: sorted.map((s) => s.day), prefix };
}

/** Number of spends on or before `day`. */
function countTo(ix: SpendIndex, day: number): number {
  let lo = 0;
  let hi = ix.days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ix.days[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Net fen over (day − validityDays, day]: the period ending on `day`. */
export function netInPeriod(ix: SpendIndex, day: number, validityDays: number): number {
  return ix.prefix[countTo(ix, day)]! - ix.prefix[countTo(ix, day - validityDays)]!;
}

export function growthValue(ix: SpendIndex, day: number, scheme: GrowthScheme): number {
  const fen = netInPeriod(ix, day, scheme.validityDays);
  return fen <= 0 ? 0 : Math.floor((fen * scheme.perYuan) / 100 + 1e-9);
}

export function levelFor(growth: number, levels: readonly GrowthLevel[]): number {
  let level = 0;
  for (let i = 0; i < levels.length; i++) if (growth >= levels[i]!.threshold) level = i;
  return level;
}

export const growthLogRules = ['growthUp', 'growthDown', 'growthManual'] as const;
export type GrowthLogRule = (typeof growthLogRules)[number];

/** A level change as the shared tier log keeps it: `scheme` tells it from an A/B/C entry. */
export interface GrowthLogEntry {
  customerId: number;
  scheme: 'growth';
  /** Level names as they were on the day, and their ranks (0 = entry level) for the report. */
  from: string | null;
  to: string;
  fromRank: number | null;
  toRank: number;
  rule: GrowthLogRule;
  day: number;
  by: 'rule' | 'hand';
  reason?: string;
}

function logEntry(customerId: number, from: number | null, to: number, day: number, scheme: GrowthScheme, by: 'rule' | 'hand', reason?: string): GrowthLogEntry {
  const rule: GrowthLogRule = by === 'hand' ? 'growthManual' : from === null || to > from ? 'growthUp' : 'growthDown';
  const e: GrowthLogEntry = { customerId, scheme: 'growth', from: from === null ? null : scheme.levels[from]!.name, to: scheme.levels[to]!.name, fromRank: from, toRank: to, rule, day, by };
  if (reason) e.reason = reason;
  return e;
}

/** One customer on one review day: the next state, and the log entry when the level changed. */
export function reviewGrowth(customerId: number, ix: SpendIndex, state: GrowthState | undefined, day: number, scheme: GrowthScheme): { state: GrowthState | undefined; entry: GrowthLogEntry | null } {
  if (state?.locked) return { state, entry: null };
  if (countTo(ix, day) === 0) return { state, entry: null }; // nothing bought yet: no level to give
  const V = scheme.validityDays;
  const top = scheme.levels.length - 1;
  const earned = levelFor(growthValue(ix, day, scheme), scheme.levels);
  if (!state) return { state: { id: customerId, level: earned, since: day, validUntil: day + V }, entry: logEntry(customerId, null, earned, day, scheme, 'rule') };
  const current = Math.min(state.level, top); // a scheme with fewer levels than before
  if (earned > current) return { state: { id: customerId, level: earned, since: day, validUntil: day + V }, entry: logEntry(customerId, current, earned, day, scheme, 'rule') };
  if (day < state.validUntil) return { state: current === state.level ? state : { ...state, level: current }, entry: null };
  // Lapsed: 保级 keeps the level for another period; otherwise it is recomputed.
  if (scheme.keepAmountFen > 0 && netInPeriod(ix, day, V) >= scheme.keepAmountFen) {
    let validUntil = state.validUntil;
    while (validUntil <= day) validUntil += V;
    return { state: { ...state, level: current, validUntil }, entry: null };
  }
  const next: GrowthState = { id: customerId, level: earned, since: day, validUntil: day + V };
  return { state: next, entry: earned === current ? null : logEntry(customerId, current, earned, day, scheme, 'rule') };
}

/** A manager's adjustment: the level from today, locked (reviews leave it) or not. */
export function adjustGrowth(customerId: number, state: GrowthState | undefined, level: number, lock: boolean, reason: string, day: number, scheme: GrowthScheme): { state: GrowthState; entry: GrowthLogEntry | null } {
  const next: GrowthState = { id: customerId, level, since: day, validUntil: day + scheme.validityDays };
  if (lock) next.locked = true;
  if (reason.trim()) next.reason = reason.trim();
  const from = state ? Math.min(state.level, scheme.levels.length - 1) : null;
  return { state: next, entry: from === level ? null : logEntry(customerId, from, level, day, scheme, 'hand', reason.trim()) };
}

/** Review days from the day after `after` to `today`: each month's last day, then today (a catch-up of missed reviews). */
export function reviewDays(after: number, today: number): number[] {
  const days: number[] = [];
  let { year, month } = ymdFromDay(after + 1);
  for (;;) {
    const end = dayFromYmd(year, month + 1, 1) - 1;
    if (end >= today) break;
    days.push(end);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  if (today > after) days.push(today);
  return days;
}

/** Every customer over the review days, in order: the states at the end and every change on the way. */
export function reviewAllGrowth(spends: ReadonlyMap<number, Spend[]>, states: readonly GrowthState[], lastReview: number | null, today: number, scheme: GrowthScheme): { states: GrowthState[]; log: GrowthLogEntry[] } {
  const byId = new Map(states.map((s) => [s.id, s]));
  const log: GrowthLogEntry[] = [];
  const ids = new Set([...byId.keys(), ...spends.keys()]);
  const out: GrowthState[] = [];
  for (const id of [...ids].sort((a, b) => a - b)) {
    const list = spends.get(id) ?? [];
    const ix = indexSpends(list);
    let state = byId.get(id);
    // A first review starts from the customer's first purchase (the day before it).
    const first = ix.days[0];
    const after = lastReview ?? (first === undefined ? today : first - 1);
    for (const day of reviewDays(after, today)) {
      const r = reviewGrowth(id, ix, state, day, scheme);
      state = r.state;
      if (r.entry) log.push(r.entry);
    }
    if (state) out.push(state);
  }
  log.sort((a, b) => a.day - b.day || a.customerId - b.customerId);
  return { states: out, log };
}

/** The period report row of one level (等级变更报表). */
export interface LevelReportRow {
  rank: number;
  name: string;
  /** Customers at this level on the period's first day, before its changes. */
  opening: number;
  /** Moved into this level from below (new members included), by the rules / by hand. */
  upAuto: number;
  upManual: number;
  /** Moved into this level from above. */
  downAuto: number;
  downManual: number;
  /** Moved out of this level. */
  out: number;
  /** At this level after the period's last day: opening + in − out. */
  closing: number;
}

/** 期初 / 升级 / 降级 / 期末 per level over [from, to], from the growth entries of the tier log (oldest first). */
export function levelReport(log: readonly Pick<GrowthLogEntry, 'customerId' | 'fromRank' | 'toRank' | 'day' | 'by'>[], levels: readonly GrowthLevel[], from: number, to: number): LevelReportRow[] {
  const top = levels.length - 1;
  const clamp = (r: number) => Math.min(r, top);
  const rows: LevelReportRow[] = levels.map((l, rank) => ({ rank, name: l.name, opening: 0, upAuto: 0, upManual: 0, downAuto: 0, downManual: 0, out: 0, closing: 0 }));
  const before = new Map<number, number>();
  const sorted = [...log].sort((a, b) => a.day - b.day);
  for (const e of sorted) if (e.day < from) before.set(e.customerId, clamp(e.toRank));
  for (const r of before.values()) rows[r]!.opening++;
  const now = new Map(before);
  for (const e of sorted) {
    if (e.day < from || e.day > to) continue;
    const was = now.get(e.customerId);
    const next = clamp(e.toRank);
    if (was === next) continue;
    if (was !== undefined) rows[was]!.out++;
    const row = rows[next]!;
    const up = was === undefined || next > was;
    if (up) row[e.by === 'hand' ? 'upManual' : 'upAuto']++;
    else row[e.by === 'hand' ? 'downManual' : 'downAuto']++;
    now.set(e.customerId, next);
  }
  for (const r of now.values()) rows[r]!.closing++;
  return rows;
}

export function growthLogProblem(row: Record<string, unknown>): string | null {
  if (row.from !== null && typeof row.from !== 'string') return 'from';
  if (typeof row.to !== 'string') return 'to';
  if (row.fromRank !== null && !(Number.isSafeInteger(row.fromRank) && (row.fromRank as number) >= 0)) return 'fromRank';
  if (!(Number.isSafeInteger(row.toRank) && (row.toRank as number) >= 0)) return 'toRank';
  if (!growthLogRules.includes(row.rule as never)) return 'rule';
  if (!Number.isSafeInteger(row.day)) return 'day';
  if (row.by !== 'rule' && row.by !== 'hand') return 'by';
  if (row.reason !== undefined && typeof row.reason !== 'string') return 'reason';
  return null;
}
