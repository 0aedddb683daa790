/**
 * Delay notices (domain.md §5, seed 002): a delivery that is late must be announced to the
 * customer in advance. The course's survey found only 47.1 % were told (e.g. 8 of 17).
 * "In advance" = told on or before the promised day, i.e. before the customer found out.
 */
export interface Delivery {
  id: string;
  promisedDay?: number | undefined;
  late?: boolean | undefined;
  toldDay?: number | undefined;
}

export type DelayState = 'toldInAdvance' | 'toldLate' | 'notTold';

export function delayState(d: Delivery): DelayState | null {
  if (!d.late) return null;
  if (d.toldDay === undefined) return 'notTold';
  return d.promisedDay === undefined || d.toldDay <= d.promisedDay ? 'toldInAdvance' : 'toldLate';
}

export interface DelayNoticeRate {
  late: number;
  toldInAdvance: number;
  toldLate: number;
  /** Late deliveries with no "customer told" date: each needs one. */
  missingTold: string[];
  /** toldInAdvance ÷ late; null with no late delivery. */
  rate: number | null;
}

export function delayNoticeRate(deliveries: readonly Delivery[]): DelayNoticeRate {
  let late = 0;
  let toldInAdvance = 0;
  let toldLate = 0;
  const missingTold: string[] = [];
  for (const d of deliveries) {
    const state = delayState(d);
    if (state === null) continue;
    late++;
    if (state === 'toldInAdvance') toldInAdvance++;
    else if (state === 'toldLate') toldLate++;
    else missingTold.push(d.id);
  }
  return { late, toldInAdvance, toldLate, missingTold, rate: late === 0 ? null : toldInAdvance / late };
}
