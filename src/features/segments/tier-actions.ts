/** The tier review as a user runs it: read the stored state, review in the worker, store the result. */
import { db } from '../../data/db';
import { getTierParams } from '../../data/settings';
import { saveTierReview, tierReviewBase, type TierReviewError } from '../../data/tiers';
import { err, ok, type Result } from '../../lib/result';
import { checkReviewDay, type ReviewDayError, type TierLogEntry } from '../../lib/tiers';
import { analysis } from '../../workers/analysis-client';
import type { WorkerError } from '../../workers/rpc';

export interface ReviewRun {
  day: number;
  log: TierLogEntry[];
}

export async function runTierReview(day: number | null): Promise<Result<ReviewRun, ReviewDayError | TierReviewError | WorkerError>> {
  const [params, base] = await Promise.all([getTierParams(db), tierReviewBase(db)]);
  const checked = checkReviewDay(day, base.lastReview);
  if (!checked.ok) return checked;
  const reviewed = await analysis.call('tierReview', { day: checked.value, params, state: base.states });
  // A worker failure is the panel's message (errors.worker.*); nothing is stored.
  if (!reviewed.ok) return reviewed;
  const result = reviewed.value;
  const saved = await saveTierReview(db, result, base);
  if (!saved.ok) return err(saved.error);
  return ok({ day: checked.value, log: result.log });
}
