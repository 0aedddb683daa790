import { describe, expect, it } from 'vitest';
import { ageDays, countsByMonth, countsByType, isOpen, nextStep, openSummary, validateComplaint, type ComplaintDraft } from '../../src/lib/complaints/complaint';
import { dayFromIso } from '../../src/lib/dates';

const d = (iso: string) => dayFromIso(iso)!;
const draft = (over: Partial<ComplaintDraft> = {}): ComplaintDraft => ({
  customerId: 1,
  customerName: '王芳',
  date: '2026-11-02',
  type: 'quality',
  description: '裙子开线',
  steps: {},
  responsibility: 'undetermined',
  ...over,
});
const step = (date: string, owner = '李店长') => ({ date, owner });

describe('complaint steps', () => {
  it('accepts steps in order, each on or after the one before', () => {
    const c = draft({ steps: { received: step('2026-11-02'), facts: step('2026-11-03'), remedy: step('2026-11-03') } });
    expect(validateComplaint(c).ok).toBe(true);
    expect(nextStep(c)).toBe('settled');
    expect(isOpen(c)).toBe(true);
  });

  it.each([
    [{ customerName: ' ' }, { code: 'complaints.nameRequired' }],
    [{ description: '' }, { code: 'complaints.descriptionRequired' }],
    [{ date: '2026-11-31' }, { code: 'complaints.badDate', field: 'date' }],
    [{ steps: { received: step('2026-11-02'), settled: step('2026-11-05') } }, { code: 'complaints.stepOutOfOrder', step: 'settled' }],
    [{ steps: { received: step('2026-11-04'), facts: step('2026-11-03') } }, { code: 'complaints.stepOutOfOrder', step: 'facts' }],
    [{ steps: { received: step('2026-11-01') } }, { code: 'complaints.stepBeforeComplaint', step: 'received' }],
    [{ steps: { received: step('2026-11-02', '') } }, { code: 'complaints.ownerRequired', step: 'received' }],
  ])('rejects %j', (over, error) => {
    expect(validateComplaint(draft(over as Partial<ComplaintDraft>))).toEqual({ ok: false, error });
  });

  it('closes when the fifth step (recorded) is done', () => {
    const all = { received: step('2026-11-02'), facts: step('2026-11-03'), remedy: step('2026-11-04'), settled: step('2026-11-06'), recorded: step('2026-11-09') };
    expect(nextStep({ steps: all })).toBeNull();
    expect(isOpen({ steps: all })).toBe(false);
    // Closed: the age stops at the day it was recorded, 9 − 2 = 7 days.
    expect(ageDays({ date: '2026-11-02', steps: all }, d('2026-11-23'))).toBe(7);
  });
});

describe('open complaints and their age', () => {
  it('counts open ones and the oldest age in days, across a month end', () => {
    const list = [
      { date: '2026-10-28', steps: {} }, // 28 Oct → 23 Nov: 3 days of October + 23 = 26
      { date: '2026-11-20', steps: { received: step('2026-11-20') } }, // 3
      { date: '2026-09-01', steps: { received: step('2026-09-01'), facts: step('2026-09-01'), remedy: step('2026-09-02'), settled: step('2026-09-03'), recorded: step('2026-09-03') } }, // closed
    ];
    expect(openSummary(list, d('2026-11-23'))).toEqual({ open: 2, oldestDays: 26 });
    expect(openSummary([], d('2026-11-23'))).toEqual({ open: 0, oldestDays: null });
    expect(ageDays({ date: '2026-11-23', steps: {} }, d('2026-11-23'))).toBe(0);
  });
});

describe('counts', () => {
  const list = [
    { type: 'quality' as const, date: '2026-09-15' },
    { type: 'quality' as const, date: '2026-11-01' },
    { type: 'service' as const, date: '2026-11-30' },
    { type: 'delivery' as const, date: '2026-12-31' },
    { type: 'contract' as const, date: '2027-01-01' },
  ];
  it('by type', () => {
    expect(countsByType(list)).toEqual({ quality: 2, contract: 1, delivery: 1, service: 1 });
  });
  it('by month, empty months kept, across the year end', () => {
    expect(countsByMonth(list).map((r) => [r.month, r.total, r.counts.quality])).toEqual([
      ['2026-09', 1, 1],
      ['2026-10', 0, 0],
      ['2026-11', 2, 1],
      ['2026-12', 1, 0],
      ['2027-01', 1, 0],
    ]);
    expect(countsByMonth([])).toEqual([]);
  });
});
