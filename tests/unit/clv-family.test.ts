import { describe, expect, it } from 'vitest';
import { courseFamily, courseFigures, familyValue, type FamilyInputs, type FamilyMember } from '../../src/lib/clv/family';

describe('the course family example (seed 000)', () => {
  const value = familyValue(courseFamily());
  const [self, wife, daughter] = value.members;

  it('counts each member’s purchases, trade-ins and servicing years', () => {
    expect(self!.purchaseYears).toEqual([0, 4, 8, 12, 16]); // ¥500k every 4 years from year 1
    expect(wife!.purchaseYears).toEqual([9, 15]); // A4 from year 10, every 6 years
    expect(daughter!.purchaseYears).toEqual([4, 7, 10, 13, 16, 19]); // TT from year 5, every 3 years
    expect([self!.tradeIns, wife!.tradeIns, daughter!.tradeIns]).toEqual([4, 1, 5]); // each replacement
    expect([self!.servicingYears, wife!.servicingYears, daughter!.servicingYears]).toEqual([20, 0, 16]);
  });

  it('comes to ¥8,000,800 revenue and ¥516,400 profit, to the yuan', () => {
    // Cars 5 × 500k + 2 × 450k + 6 × 750k = 7,900,000; servicing (20 + 16) × 2,800 = 100,800.
    expect(value.revenue).toBe(8_000_800_00);
    // 4 % of 7.9 M = 316,000; trade-ins 4 × 10k + 1 × 10k + 5 × 20k = 150,000; servicing half of 100,800.
    expect(value.profit).toBe(516_400_00);
    expect(value.bySource).toEqual({
      purchases: { revenue: 7_900_000_00, profit: 316_000_00 },
      tradeIns: { revenue: 0, profit: 150_000_00 },
      servicing: { revenue: 100_800_00, profit: 50_400_00 },
    });
  });

  it('lands within 0.1 % of the course’s 800万 and 1.3 % of its 51万', () => {
    expect(Math.abs(value.revenue - courseFigures.revenue) / courseFigures.revenue).toBeLessThan(0.001);
    expect(Math.abs(value.profit - courseFigures.profit) / courseFigures.profit).toBeLessThan(0.013);
  });
});

const member = (over: Partial<FamilyMember> = {}): FamilyMember => ({
  name: 'm',
  price: 100_000,
  margin: 0.1,
  interval: 2,
  firstYear: 0,
  tradeInProfit: 1_000,
  tradeInAtFirst: false,
  servicingPerYear: 0,
  servicingMargin: 0.5,
  ...over,
});
const family = (members: FamilyMember[], over: Partial<FamilyInputs> = {}): FamilyInputs => ({ horizonYears: 4, discountRate: 0, members, ...over });

describe('familyValue edges', () => {
  it('counts purchases only inside the horizon (year < horizon)', () => {
    expect(familyValue(family([member()])).members[0]!.purchaseYears).toEqual([0, 2]);
    expect(familyValue(family([member({ firstYear: 4 })])).members[0]!.purchaseYears).toEqual([]);
  });

  it('adds a trade-in at the first purchase when asked', () => {
    expect(familyValue(family([member({ tradeInAtFirst: true })])).bySource.tradeIns.profit).toBe(2_000);
    expect(familyValue(family([member()])).bySource.tradeIns.profit).toBe(1_000);
  });

  it('discounts year y by (1 + rate)^y', () => {
    // 100,000 in year 0 + 100,000 / 1.1² in year 2 = 100,000 + 82,644.63 → 182,645 fen
    expect(familyValue(family([member()], { discountRate: 0.1 })).bySource.purchases.revenue).toBe(182_645);
  });

  it('is zero for an empty family or a zero horizon', () => {
    expect(familyValue(family([])).revenue).toBe(0);
    expect(familyValue(family([member()], { horizonYears: 0 })).profit).toBe(0);
  });
});
