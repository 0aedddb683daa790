/** Prospects/opportunities, their stage changes and the month notes (lib/funnel), as stored. */
import { opportunityProblem, stageEventProblem } from '../lib/funnel/rows';
import type { MonthNote, Opportunity, Stage, StageEvent } from '../lib/funnel/records';
import type { ImportedProspect } from '../lib/funnel/import';
import { err, ok, type Result } from '../lib/result';
import type { SelfCheckFigures } from '../lib/funnel/self-check';
import { analyseTime } from '../lib/timeuse/aggregate';
import Dexie, { type PromiseExtended } from 'dexie';
import type { KeqingDb } from './db';
import { getTimeSetup, readTimeChunks } from './timeuse';
import { customersWhere, idsByField, storedProspects } from './customer-store';

export type FunnelSaveError = { code: 'funnel.badField'; field: string };

export interface FunnelRows {
  opportunities: Opportunity[];
  events: StageEvent[];
  notes: MonthNote[];
}

export async function readFunnel(db: KeqingDb): Promise<FunnelRows> {
  return db.transaction('r', db.opportunities, db.stageEvents, db.monthNotes, async () => ({
    opportunities: await db.opportunities.orderBy('updatedAt').reverse().toArray(),
    events: await db.stageEvents.orderBy('day').toArray(),
    notes: await db.monthNotes.toArray(),
  }));
}

/**
 * A prospect whose phone is a customer's is that customer's prospect (one link, never changed here once set).
 * A Dexie promise, even when no read is needed: it is awaited inside the callers' transactions, where
 * a native one (an async function returning at once) can let the next write fall outside them.
 */
function linkCustomer(db: KeqingDb, o: Opportunity, byPhone?: Map<string, number[]>): PromiseExtended<boolean> {
  const phone = o.phone;
  if (o.customerId !== undefined || !phone) return Dexie.Promise.resolve(false);
  // The lowest id with that phone, as the phone index gave it.
  const found = byPhone ? Dexie.Promise.resolve(byPhone.get(phone)?.[0]) : customersWhere(db, 'phone', phone).then((list) => list[0]?.id);
  return found.then((id) => {
    if (id !== undefined) o.customerId = id;
    return id !== undefined;
  });
}

/** Adds or replaces a prospect (linked to the customer file with its phone), with its first stage change when given (a new prospect is usually greeted that day). */
export async function saveOpportunity(db: KeqingDb, o: Opportunity, firstStage?: { stage: Stage; day: number }): Promise<Result<Opportunity, FunnelSaveError>> {
  const field = opportunityProblem(o as unknown as Record<string, unknown>);
  if (field) return err({ code: 'funnel.badField', field });
  await db.transaction('rw', db.opportunities, db.stageEvents, db.customerPacks, async () => {
    await linkCustomer(db, o);
    await db.opportunities.put(o);
    if (firstStage) await db.stageEvents.add({ id: crypto.randomUUID(), opportunityId: o.id, ...firstStage });
  });
  return ok(o);
}

export async function addStageEvent(db: KeqingDb, opportunityId: string, stage: Stage, day: number): Promise<Result<StageEvent, FunnelSaveError>> {
  const event: StageEvent = { id: crypto.randomUUID(), opportunityId, stage, day };
  const field = stageEventProblem(event as unknown as Record<string, unknown>);
  if (field) return err({ code: 'funnel.badField', field });
  await db.transaction('rw', db.opportunities, db.stageEvents, async () => {
    await db.stageEvents.add(event);
    await db.opportunities.update(opportunityId, { updatedAt: new Date().toISOString() });
  });
  return ok(event);
}

export const deleteStageEvent = (db: KeqingDb, id: string) => db.stageEvents.delete(id);

export interface ProspectImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  eventsAdded: number;
  /** Stage changes already stored (same prospect, stage and day): not added twice. */
  eventsSkipped: number;
  /** Prospects whose phone found their customer file. */
  linked: number;
}

const nameKey = (name: string) => name.trim().toLowerCase();

class ImportAbort extends Error {
  constructor(readonly failure: FunnelSaveError) {
    super(failure.code);
  }
}

/**
 * Stores an imported prospect file in one transaction (all or nothing): a prospect is matched to
 * a stored one (its filled fields replace the stored ones) by the file's id, else by phone, else,
 * for a row with only a name, to the one stored prospect with that name (trimmed, any case) and
 * no phone (two such are ambiguous: the row is added), so the same file imported twice adds
 * nobody twice; unmatched rows are added. Stage changes are added unless the same stage on the
 * same day is already there. A phone that is also a customer's links the customer file.
 */
export async function importProspects(db: KeqingDb, prospects: readonly ImportedProspect[], now = new Date()): Promise<Result<ProspectImportCounts, FunnelSaveError>> {
  const at = now.toISOString();
  const counts: ProspectImportCounts = { added: 0, updated: 0, unchanged: 0, eventsAdded: 0, eventsSkipped: 0, linked: 0 };
  try {
    await db.transaction('rw', db.opportunities, db.stageEvents, db.customerPacks, async () => {
      const stored = await db.opportunities.toArray();
      // One scan of the customer file for every row's phone.
      const customersByPhone = await idsByField(db, 'phone');
      const byId = new Map(stored.map((o) => [o.id, o]));
      const byPhone = new Map(stored.filter((o) => o.phone).map((o) => [o.phone!, o]));
      const byName = new Map<string, Opportunity[]>();
      const addByName = (o: Opportunity) => {
        if (o.phone || !o.name.trim()) return;
        const key = nameKey(o.name);
        byName.set(key, [...(byName.get(key) ?? []), o]);
      };
      stored.forEach(addByName);
      for (const p of prospects) {
        const { events, line: _line, prospectId, ...values } = p;
        // A row with only a name is the stored phoneless prospect of that name, when there is exactly one.
        const named = !prospectId && !p.phone && p.name?.trim() ? byName.get(nameKey(p.name)) : undefined;
        const found = (prospectId ? byId.get(prospectId) : undefined) ?? (p.phone ? byPhone.get(p.phone) : undefined) ?? (named?.length === 1 ? named[0] : undefined);
        const next: Opportunity = found
          ? { ...found, ...values }
          : { source: 'new', ...values, id: crypto.randomUUID(), name: p.name ?? p.phone ?? prospectId ?? '', createdAt: at, updatedAt: at };
        if (await linkCustomer(db, next, customersByPhone)) counts.linked++;
        const field = opportunityProblem(next as unknown as Record<string, unknown>);
        if (field) throw new ImportAbort({ code: 'funnel.badField', field });
        const have = found ? await db.stageEvents.where('opportunityId').equals(found.id).toArray() : [];
        const fresh = events.filter((e) => !have.some((h) => h.stage === e.stage && h.day === e.day));
        counts.eventsAdded += fresh.length;
        counts.eventsSkipped += events.length - fresh.length;
        const changed = !found || fresh.length > 0 || JSON.stringify({ ...found, updatedAt: '' }) !== JSON.stringify({ ...next, updatedAt: '' });
        if (!found) counts.added++;
        else if (changed) counts.updated++;
        else counts.unchanged++;
        if (changed) {
          next.updatedAt = at;
          await db.opportunities.put(next);
          byId.set(next.id, next);
          if (next.phone) byPhone.set(next.phone, next);
          if (!found) addByName(next);
        }
        if (fresh.length) await db.stageEvents.bulkAdd(fresh.map((e) => ({ id: crypto.randomUUID(), opportunityId: next.id, stage: e.stage, day: e.day })));
      }
    });
  } catch (e) {
    if (e instanceof ImportAbort) return err(e.failure);
    throw e;
  }
  return ok(counts);
}

export async function deleteOpportunity(db: KeqingDb, id: string): Promise<void> {
  await db.transaction('rw', db.opportunities, db.stageEvents, async () => {
    await db.stageEvents.where('opportunityId').equals(id).delete();
    await db.opportunities.delete(id);
  });
}

export async function saveMonthNote(db: KeqingDb, month: string, text: string): Promise<void> {
  if (text.trim() === '') await db.monthNotes.delete(month);
  else await db.monthNotes.put({ month, text, updatedAt: new Date().toISOString() });
}

/** Complaints per type in a month ('YYYY-MM'), from the complaints log (for the self-check's satisfaction line). */
export async function complaintCounts(db: KeqingDb, month: string): Promise<Record<string, number>> {
  const rows = (await db.complaints.where('date').startsWith(`${month}-`).toArray()) as { type?: string }[];
  const counts: Record<string, number> = {};
  for (const r of rows) if (r.type) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** The manager's self-check target (one saved set of figures); null until one is saved. */
export async function getSelfCheckTarget(db: KeqingDb): Promise<SelfCheckFigures | null> {
  const row = await db.settings.get('selfCheckTarget');
  return (row?.value as SelfCheckFigures | undefined) ?? null;
}
export const saveSelfCheckTarget = (db: KeqingDb, figures: SelfCheckFigures) => db.settings.put({ key: 'selfCheckTarget', value: figures });

/** Prospect intentions kept on customer files (the customer page's model / colour / options / expected date), for the pipeline. */
export async function customerProspects(db: KeqingDb): Promise<{ customerId: number; name: string; model?: string; colour?: string; options?: string; expectedMonth?: string }[]> {
  const list = await storedProspects(db);
  return list.map((c) => ({
    customerId: c.id,
    name: c.name,
    ...(c.prospect?.model ? { model: c.prospect.model } : {}),
    ...(c.prospect?.colour ? { colour: c.prospect.colour } : {}),
    ...(c.prospect?.options ? { options: c.prospect.options } : {}),
    ...(c.prospect?.expectedDate ? { expectedMonth: c.prospect.expectedDate.slice(0, 7) } : {}),
  }));
}

/**
 * Share of recorded time spent selling per month ('YYYY-MM' → 0–1), from the time-allocation
 * sheets (lib/timeuse), for the self-check's efficiency line; months with no time recorded are absent.
 */
export async function sellingShares(db: KeqingDb): Promise<Record<string, number>> {
  const [chunks, setup] = await Promise.all([readTimeChunks(db), getTimeSetup(db)]);
  const out: Record<string, number> = {};
  for (const m of analyseTime(chunks, setup).months) if (m.total > 0) out[m.key] = m.selling / m.total;
  return out;
}
