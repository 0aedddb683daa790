import { describe, expect, it } from 'vitest';
import { campaignProblem, courseExampleCampaign, evaluateCampaign, validateCampaign, type CampaignDraft } from '../../src/lib/needs/campaign';

const course = courseExampleCampaign(2026, 1, '六一家庭活动');

describe('evaluateCampaign', () => {
  it("evaluates the course's Children's Day event: 30 families, 2 bought, 65 % may buy", () => {
    const e = evaluateCampaign(course);
    expect(e.responseRate).toBeNull(); // invitations not recorded
    expect(e.conversionRate).toBeCloseTo(2 / 30, 12); // 6.67 %
    expect(e.intenders).toBeCloseTo(19.5, 12); // 30 × 65 %
    expect(e.expectedLaterBuyers).toBeCloseTo(19.5, 12); // all intentions counted (100 %)
    expect(e.expectedBuyers).toBeCloseTo(21.5, 12); // 2 + 19.5
    expect(e.costPerBuyer).toBeNull(); // no cost given
  });

  it('works out money per head with a cost, invitations and a realisation assumption', () => {
    // ¥3,000 spent, 120 invited, 30 came, 2 bought, 65 % intend, a third of intentions realised.
    const e = evaluateCampaign({ ...course, cost: 300_000, invited: 120, realisationPercent: 40 });
    expect(e.responseRate).toBe(0.25); // 30 / 120
    expect(e.costPerAttendee).toBe(10_000); // ¥3,000 / 30 = ¥100
    expect(e.costPerBuyer).toBe(150_000); // ¥3,000 / 2 = ¥1,500
    expect(e.expectedLaterBuyers).toBeCloseTo(7.8, 12); // 19.5 × 40 %
    expect(e.expectedBuyers).toBeCloseTo(9.8, 12); // 2 + 7.8
    expect(e.costPerExpectedBuyer).toBeCloseTo(300_000 / 9.8, 6); // ≈ ¥306.12
  });

  it('leaves rates empty rather than dividing by zero', () => {
    const e = evaluateCampaign({ ...course, cost: 50_000, invited: 0, came: 0, bought: 0, intendPercent: null });
    expect(e.responseRate).toBeNull();
    expect(e.conversionRate).toBeNull();
    expect(e.costPerAttendee).toBeNull();
    expect(e.costPerBuyer).toBeNull();
    expect(e.intenders).toBeNull();
    expect(e.expectedBuyers).toBe(0);
    expect(e.costPerExpectedBuyer).toBeNull();
  });
});

describe('validateCampaign', () => {
  it('accepts the course example and trims the name', () => {
    expect(validateCampaign({ ...course, name: '  六一  ' })).toEqual({ ok: true, value: { ...course, name: '六一' } });
  });
  it.each<[Partial<CampaignDraft>, string, string]>([
    [{ name: ' ' }, 'campaigns.nameRequired', 'name'],
    [{ date: '2026-02-30' }, 'campaigns.badDate', 'date'],
    [{ cost: -1 }, 'campaigns.badCost', 'cost'],
    [{ invited: 29 }, 'campaigns.cameOverInvited', 'came'],
    [{ bought: 31 }, 'campaigns.boughtOverCame', 'bought'],
    [{ came: 2.5 }, 'campaigns.notCount', 'came'],
    [{ intendPercent: 100.1 }, 'campaigns.percentRange', 'intendPercent'],
    [{ realisationPercent: -1 }, 'campaigns.percentRange', 'realisationPercent'],
  ])('rejects %j', (change, code, field) => {
    expect(validateCampaign({ ...course, ...change })).toEqual({ ok: false, error: { code, field } });
  });
  it('checks stored rows', () => {
    const row = { ...course, id: 1, createdAt: 'x', updatedAt: 'x' };
    expect(campaignProblem(row)).toBeNull();
    expect(campaignProblem({ ...row, bought: 40 })).toBe('bought');
  });
});
