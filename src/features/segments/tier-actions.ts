/** The tier review as a user runs it: the engine reviews and stores it (workers/tier-review.ts); the page gets what changed, counted. */
import { type TierReviewError } from '../../data/tiers';
import type { Result } from '../../lib/result';
import type { ReviewDayError } from '../../lib/tiers';
import { analysis } from '../../workers/analysis-client';
import type { WorkerError } from '../../workers/rpc';
import type { ReviewRun } from '../../workers/tier-review';

export type { ReviewRun };

export async function runTierReview(day: number | null): Promise<Result<ReviewRun, ReviewDayError | TierReviewError | WorkerError>> {
  const reviewed = await analysis.call('tierReview', { day });
  // A worker failure is the panel's message (errors.worker.*); nothing is stored.
  return reviewed.ok ? reviewed.value : reviewed;
}
