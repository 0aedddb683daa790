/** The tier review as a user runs it: read the stored state, review in the worker, store the result. */
import { db } from '../../data/db';
import { getTierParams } from '../../data/settings';
import { saveTierReview, tierReviewBase, type TierReviewError } from '../../data/tiers';
import { err, ok, type Result } from '../../lib/result';
import { checkReviewDay, type ReviewDayError, type TierLogEntry } from '../../lib/tiers';
import { analysis, answerOf } from '../../workers/analysis-client';

export interface ReviewRun {
  day: number;
  log: TierLogEntry[];
}

export async function runTierReview(day: number | null): Promise<Result<ReviewRun, ReviewDayError | TierReviewError>> {
  const [params, base] = await Promise.all([getTierParams(db), tierReviewBase(db)]);
  const checked = checkReviewDay(day, base.lastReview);
  if (!checked.ok) return checked;
  const result = await answerOf(analysis.call('tierReview', { day: checked.value, params, state: base.states }));
  const saved = await saveTierReview(db, result, base);
  if (!saved.ok) return err(saved.error);
  return ok({ day: checked.value, log: result.log });
}
