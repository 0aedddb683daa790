/**
 * The KPI board as the analysis engine builds it (workers/analysis.worker 'board'): everything is
 * read here, where it runs (the worker), and the purchase figures are counted from the lines only
 * when no figures were kept for this data version (data/engine-cache).
 */
import type { MonthIndex } from '../lib/funnel/months';
import { boardMonth, boardPeriods, buildBoard, customerGroups, groupsNeedFile, newFilesByGroup, type BoardRow, type CustomerFile } from '../lib/kpi/board';
import { settingsWithDefaults } from '../lib/kpi/definitions';
import type { PurchaseKpiRequest, PurchaseKpis } from '../lib/kpi/purchases';
import { readCustomersPaged } from './customers';
import type { KeqingDb } from './db';
import { getTierParams } from './settings';
import { keptOnce, lastCached, storeCached } from './engine-cache';
import { onWrites } from './versions';
import type { Claim } from './locks';
import { readFunnel } from './funnel';
import { purchasesVersion, purchaseTotals } from './purchases';
import { getTimeSetup } from './timeuse';

export const getKpiSettings = async (db: KeqingDb) => settingsWithDefaults(await db.kpiSettings.toArray());

/** The sales groups that share the new-files quota (seed 004); none saved = the store is one group. */
export async function getSalesGroups(db: KeqingDb): Promise<string[]> {
  const row = await db.settings.get('salesGroups');
  return Array.isArray(row?.value) ? (row.value as unknown[]).filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
}

export interface Board {
  month: MonthIndex;
  rows: BoardRow[];
  purchases: PurchaseKpis;
  groups: string[];
  /** New files this month per group against its quota (seed 004). */
  filesByGroup: ReturnType<typeof newFilesByGroup>;
}

/** A short fingerprint of a long text (cyrb53): the request names every customer's group. */
function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2_654_435_761);
    h2 = Math.imul(h2 ^ c, 1_597_334_677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507) ^ Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507) ^ Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909);
  return `${text.length}:${(4_294_967_296 * (2_097_151 & h2) + (h1 >>> 0)).toString(36)}`;
}

/** engine-cache keys: the purchase figures of the last board (with their lines' version), and the last board shown. */
export const KPI_PURCHASES = 'kpiPurchases';
export const LAST_BOARD = 'kpiBoard';

/**
 * The board kept for the Overview, now and each time one is kept again while `show` is wanted: a
 * tab opened as a large import ends shows the board the importing tab's engine keeps moments
 * later, instead of waiting until its own engine has built the same one. Returns the stop.
 */
export function watchKeptBoard(db: KeqingDb, show: (board: Board) => void): () => void {
  let stopped = false;
  const read = () =>
    void lastCached<Board>(db, LAST_BOARD).then(
      (board) => board && !stopped && show(board),
      () => {}, // a cache that cannot be read shows nothing; the live board comes all the same
    );
  const stop = onWrites(db.name, (tables) => tables.has('engineCache') && read());
  read();
  return () => {
    stopped = true;
    stop();
  };
}

/**
 * Everything the board shows, as of `today`: the board's month is that of the last purchase (a
 * store whose data stops earlier still sees its last month), else today's. `count` counts the
 * purchase figures from the lines; it is skipped when the figures for the same lines and request
 * were kept. The board is kept too, for the Overview to show at once on the next visit. `claim`:
 * the caller holds the figures' lock (engine-cache claimKept), let go here as soon as the figures
 * are kept (a board waiting for them in another tab goes on); `files`: the customer file, when the
 * caller holds it already (the engine's, shared with the Overview's other questions).
 */
export async function computeBoard(
  db: KeqingDb,
  today: number,
  count: (request: PurchaseKpiRequest) => Promise<PurchaseKpis>,
  claim?: Claim,
  files: () => Promise<Iterable<CustomerFile>> = () => readCustomersPaged(db, () => {}),
): Promise<Board> {
  // The customer file is the long read (100,000 customers): the purchase figures wait for it only
  // when their groups need it (see groupsNeedFile), so they are counted or read meanwhile.
  const file = files().then((list) => Array.from(list, (c): CustomerFile => ({ id: c.id, createdAt: c.createdAt, phone: c.phone, ownerId: c.ownerId })));
  file.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  const [settings, groups, funnel, totals, setup, linesVersion, tierParams] = await Promise.all([
    getKpiSettings(db),
    getSalesGroups(db),
    readFunnel(db),
    purchaseTotals(db),
    getTimeSetup(db),
    purchasesVersion(db),
    getTierParams(db),
  ]);
  const repGroups = Object.fromEntries(setup.reps.flatMap((r) => (r.group ? [[r.id, r.group]] : [])));
  const month = boardMonth(totals.lastDay, today);
  const groupOf = customerGroups(funnel.opportunities, groupsNeedFile(funnel.opportunities, repGroups) ? await file : [], repGroups);
  const request: PurchaseKpiRequest = { ...boardPeriods(month), groupOf, churnDays: tierParams.churnAfterDays };
  const version = `${linesVersion}|${hashText(JSON.stringify(request))}`;
  const purchases = await keptOnce(db, KPI_PURCHASES, version, () => count(request), claim !== undefined);
  if (claim) {
    claim.release();
    // A turn, for the lock to go before the board is built on this thread.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const customers = await file;
  const rows = buildBoard({ month, today, customers, opportunities: funnel.opportunities, events: funnel.events, purchases, groups, settings });
  const board: Board = { month, rows, purchases, groups, filesByGroup: newFilesByGroup(customers, funnel.opportunities, groups, month, repGroups, groupOf) };
  // Kept for the next visit's Overview, written once the board is given: a screen waiting for it (a
  // second tab opened as an import ends) does not wait for the write as well (70-140 ms then).
  void storeCached(db, LAST_BOARD, String(today), board).catch(() => {});
  return board;
}
