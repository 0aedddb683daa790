/**
 * What auto tags and saved groups (客群) test about a customer, gathered once: purchase figures
 * from the stats, the tier, the RFM segment and the last contact. Pure; the screens fill it.
 */
import { NO_DAY, type CustomerStats } from '../customers/stats';
import { PRESET_RULE_SETS } from '../rfm/presets';
import { OTHERS, OTHERS_NAME, type SegmentName } from '../rfm/segments';
import type { PackedScores } from '../rfm/packed';

/** The RFM rule set a group or an auto tag names segments by: fixed, the course's default, so a group means the same whichever screen was open. */
export const GROUP_PRESET = 'rfm030' as const;

/** The segments a group or an auto tag can name. */
export const GROUP_SEGMENTS: { id: string; name: SegmentName }[] = [...PRESET_RULE_SETS[GROUP_PRESET].rules.map((r) => ({ id: r.id, name: r.name })), { id: OTHERS, name: OTHERS_NAME }];

/** Each scored customer's segment, read from a packed scoring (no object per customer). */
export function segmentsOf(packed: PackedScores | undefined): Map<number, string> {
  const segments = new Map<number, string>();
  if (packed) for (let i = 0; i < packed.ids.length; i++) segments.set(packed.ids[i]!, packed.segments[packed.segment[i]!]!);
  return segments;
}
export interface CustomerFacts {
  /** Days since the last purchase on `today`; null when the customer never bought. */
  recencyDays: number | null;
  orders: number;
  /** Net spend to date, fen. */
  amount: number;
  /** 客单价: spend ÷ orders, fen; 0 when there are no orders (never a division error). */
  averageOrder: number;
  tier: 'A' | 'B' | 'C' | null;
  churned: boolean;
  segment: string | null;
  /** Day number of the last recorded contact, or null. */
  lastContact: number | null;
}

export const noFacts: CustomerFacts = { recencyDays: null, orders: 0, amount: 0, averageOrder: 0, tier: null, churned: false, segment: null, lastContact: null };

export function factsFrom(input: { lastDay: number | null; orders: number; amount: number; tier?: 'A' | 'B' | 'C' | null; churned?: boolean; segment?: string | null; lastContact?: number | null }, today: number): CustomerFacts {
  return {
    recencyDays: input.lastDay === null ? null : today - input.lastDay,
    orders: input.orders,
    amount: input.amount,
    averageOrder: input.orders > 0 ? Math.round(input.amount / input.orders) : 0,
    tier: input.tier ?? null,
    churned: input.churned ?? false,
    segment: input.segment ?? null,
    lastContact: input.lastContact ?? null,
  };
}

/** Facts for every customer, from the stats (lib/customers/stats), tiers, RFM segments and contacts. */
export function buildFacts(
  customerIds: readonly number[],
  stats: Pick<CustomerStats, 'ids' | 'lastPurchaseDay' | 'orders' | 'amount'>,
  extra: { tiers: ReadonlyMap<number, { tier: 'A' | 'B' | 'C'; churned: boolean }>; segments: ReadonlyMap<number, string>; contacts: ReadonlyMap<number, number> },
  today: number,
): Map<number, CustomerFacts> {
  const at = positions(stats.ids);
  const facts = new Map<number, CustomerFacts>();
  for (const id of customerIds) {
    const i = at(id);
    const tier = extra.tiers.get(id);
    facts.set(
      id,
      factsFrom(
        {
          // 最近一次消费 = the last purchase (lib/metrics): a return or a ¥0 line does not restart 沉睡 days.
          lastDay: i === undefined || stats.lastPurchaseDay[i] === NO_DAY ? null : stats.lastPurchaseDay[i]!,
          orders: i === undefined ? 0 : stats.orders[i]!,
          amount: i === undefined ? 0 : stats.amount[i]!,
          tier: tier?.tier ?? null,
          churned: tier?.churned ?? false,
          segment: extra.segments.get(id) ?? null,
          lastContact: extra.contacts.get(id) ?? null,
        },
        today,
      ),
    );
  }
  return facts;
}

/**
 * Where each id sits in `ids`. Customer ids are the store's own small sequential numbers, so a
 * typed array indexed by id answers 100,000 look-ups without a Map of 100,000 boxed entries;
 * ids spread too widely for that (never made by Keqing) fall back to a Map.
 */
function positions(ids: ArrayLike<number>): (id: number) => number | undefined {
  let max = -1;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  if (max < 4 * ids.length + 65_536 && Number.isInteger(max)) {
    const slot = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < ids.length; i++) if (ids[i]! >= 0 && Number.isInteger(ids[i]!)) slot[ids[i]!] = i;
    return (id) => (id >= 0 && id <= max && slot[id]! >= 0 ? slot[id] : undefined);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) map.set(ids[i]!, i);
  return (id) => map.get(id);
}
