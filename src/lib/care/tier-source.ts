/** Where a customer's care tier comes from: the stored tier review (lib/tiers), when there is one. */
import type { CareTier } from './rules';

export interface TierStateLike {
  id: number;
  tier: 'A' | 'B' | 'C';
  churned: boolean;
}

/** Tier by customer; customers the review has not seen are `none`; churned ones are out of care (seed 004). */
export function tierSource(states: readonly TierStateLike[]): (customerId: number) => CareTier | null {
  const byId = new Map(states.map((s) => [s.id, s]));
  return (id) => {
    const s = byId.get(id);
    if (!s) return 'none';
    return s.churned ? null : s.tier;
  };
}
