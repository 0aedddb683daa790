/**
 * The tier review run and stored in the analysis engine (issue 17): it holds the lines, reads the
 * stored states and writes the result itself, so the ≈ 100,000 states and their log never cross to
 * the page and back; the page gets the review's day and what it changed, counted.
 */
import type { KeqingDb } from '../data/db';
import { getTierParams } from '../data/settings';
import { saveTierReview, tierReviewBase, type TierReviewError } from '../data/tiers';
import { err, ok, type Result } from '../lib/result';
import { checkReviewDay, reviewFromLines, summariseReview, type ReviewDayError, type ReviewSummary } from '../lib/tiers';
import type { Loaded } from './lines-store';

export interface ReviewRun {
  day: number;
  summary: ReviewSummary;
}

/** Reviews on `day` from the stored state; stores nothing when the day is refused or the state changed meanwhile. */
export async function runTierReview(db: KeqingDb, lines: () => Promise<Loaded>, day: number | null): Promise<Result<ReviewRun, ReviewDayError | TierReviewError>> {
  const [params, base] = await Promise.all([getTierParams(db), tierReviewBase(db)]);
  const checked = checkReviewDay(day, base.lastReview);
  if (!checked.ok) return checked;
  const l = await lines();
  const result = reviewFromLines(l.chunks, base.states, checked.value, params, l.orderIndex, l.stats);
  const saved = await saveTierReview(db, result, base);
  if (!saved.ok) return err(saved.error);
  return ok({ day: checked.value, summary: summariseReview(result.log) });
}
