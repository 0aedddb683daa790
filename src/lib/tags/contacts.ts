/** The contact log (联系记录): one row per customer contacted, as a shop records it after a call list. */
export const contactChannels = ['call', 'wecom', 'sms', 'visit', 'other'] as const;
export type ContactChannel = (typeof contactChannels)[number];

export interface ContactRow {
  id: number;
  customerId: number;
  /** Day number. */
  day: number;
  channel: ContactChannel;
  /** The saved group or list it came from, or a note. */
  note?: string;
}

/** The last contact day per customer. */
export function lastContacts(rows: readonly Pick<ContactRow, 'customerId' | 'day'>[]): Map<number, number> {
  const last = new Map<number, number>();
  for (const r of rows) if ((last.get(r.customerId) ?? -Infinity) < r.day) last.set(r.customerId, r.day);
  return last;
}

export function contactProblem(row: Record<string, unknown>): string | null {
  if (!Number.isSafeInteger(row.customerId) || (row.customerId as number) <= 0) return 'customerId';
  if (!Number.isSafeInteger(row.day)) return 'day';
  if (!contactChannels.includes(row.channel as ContactChannel)) return 'channel';
  if (row.note !== undefined && typeof row.note !== 'string') return 'note';
  return null;
}
