/** The complaints log (domain.md §9). */
import { openSummary, validateComplaint, type Complaint, type ComplaintDraft, type ComplaintError, type OpenSummary } from '../lib/complaints/complaint';
import { ok, type Result } from '../lib/result';
import type { KeqingDb } from './db';

/** Newest first. */
export async function readComplaints(db: KeqingDb): Promise<Complaint[]> {
  const rows = await db.complaints.orderBy('date').reverse().toArray();
  return rows;
}

export const readComplaint = (db: KeqingDb, id: number) => db.complaints.get(id);

/** Adds (id null) or replaces a complaint after checking it. */
export async function saveComplaint(db: KeqingDb, id: number | null, draft: ComplaintDraft, now = new Date()): Promise<Result<number, ComplaintError>> {
  const r = validateComplaint(draft);
  if (!r.ok) return r;
  const at = now.toISOString();
  const clean = structuredClone(draft);
  return db.transaction('rw', db.complaints, async () => {
    if (id === null) return ok(await db.complaints.add({ ...clean, createdAt: at, updatedAt: at } as Complaint));
    const old = await db.complaints.get(id);
    await db.complaints.put({ ...clean, id, createdAt: old?.createdAt ?? at, updatedAt: at });
    return ok(id);
  });
}

export const deleteComplaint = (db: KeqingDb, id: number) => db.complaints.delete(id);

/** Open complaints and the oldest one's age, for the Overview. */
export async function complaintsOpen(db: KeqingDb, today: number): Promise<OpenSummary> {
  return openSummary(await db.complaints.toArray(), today);
}
