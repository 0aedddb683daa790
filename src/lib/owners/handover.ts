/**
 * 归属导购 (the rep who owns a customer) and handing a leaving rep's customers to a colleague in
 * one step (issue 10). Reps are the time-allocation feature's list (lib/timeuse/setup Rep). Pure.
 */
import { err, ok, type Result } from '../result';

/** One handover as logged: who moved to whom, which customers, by whom and when. */
export interface Handover {
  fromRepId: string;
  toRepId: string;
  /** Names as they were on the day (a rep may be renamed or retired later). */
  fromName: string;
  toName: string;
  customerIds: number[];
  note?: string;
  by: string;
  day: number;
  /** ISO instant. */
  at: string;
}

export type HandoverError = { code: 'owners.sameRep' } | { code: 'owners.unknownRep'; id: string } | { code: 'owners.nothingToMove' } | { code: 'owners.whoRequired' };

export interface RepRef {
  id: string;
  name: string;
}

/** Checks a handover: two different known reps, someone responsible, at least one customer to move. */
export function planHandover(reps: readonly RepRef[], fromRepId: string, toRepId: string, customerIds: readonly number[], by: string, day: number, at: string, note = ''): Result<Handover, HandoverError> {
  if (fromRepId === toRepId) return err({ code: 'owners.sameRep' });
  const from = reps.find((r) => r.id === fromRepId);
  if (!from) return err({ code: 'owners.unknownRep', id: fromRepId });
  const to = reps.find((r) => r.id === toRepId);
  if (!to) return err({ code: 'owners.unknownRep', id: toRepId });
  if (by.trim() === '') return err({ code: 'owners.whoRequired' });
  if (customerIds.length === 0) return err({ code: 'owners.nothingToMove' });
  const h: Handover = { fromRepId, toRepId, fromName: from.name, toName: to.name, customerIds: [...customerIds].sort((a, b) => a - b), by: by.trim(), day, at };
  if (note.trim()) h.note = note.trim();
  return ok(h);
}

/** Customers per owner id ('' for none): the counts the handover form shows. */
export function countByOwner(customers: readonly { ownerId?: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of customers) counts.set(c.ownerId ?? '', (counts.get(c.ownerId ?? '') ?? 0) + 1);
  return counts;
}

export function handoverProblem(row: Record<string, unknown>): string | null {
  for (const f of ['fromRepId', 'toRepId', 'fromName', 'toName', 'by', 'at'] as const) if (typeof row[f] !== 'string') return f;
  if (!Array.isArray(row.customerIds) || !row.customerIds.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) return 'customerIds';
  if (!Number.isSafeInteger(row.day)) return 'day';
  if (row.note !== undefined && typeof row.note !== 'string') return 'note';
  return null;
}
