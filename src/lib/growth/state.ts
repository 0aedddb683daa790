/** A customer's 成长值 level as of the last review (lib/growth/levels). */
export interface GrowthState {
  /** Customer id. */
  id: number;
  /** Index into the scheme's levels (0 = the entry level). */
  level: number;
  /** Day the level was given (or last recomputed). */
  since: number;
  /** Day the level lapses and is recomputed unless 保级 spend kept it. */
  validUntil: number;
  /** Set by a manager's adjustment with lock: reviews leave the level alone. */
  locked?: boolean;
  reason?: string;
}

export function growthStateProblem(row: Record<string, unknown>): string | null {
  for (const f of ['level', 'since', 'validUntil'] as const) if (!Number.isSafeInteger(row[f])) return f;
  if ((row.level as number) < 0) return 'level';
  if (row.locked !== undefined && typeof row.locked !== 'boolean') return 'locked';
  if (row.reason !== undefined && typeof row.reason !== 'string') return 'reason';
  return null;
}
