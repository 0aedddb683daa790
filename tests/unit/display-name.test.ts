import { describe, expect, it } from 'vitest';
import { customerName, maskName } from '../../src/lib/customers/display-name';

describe('customerName', () => {
  it.each([
    [{ name: '张三', externalId: 'M001' }, 12, '张三'],
    [{ name: '', externalId: 'M001' }, 12, 'M001'], // no name: the shop's own id
    [{ name: '  ', externalId: null }, 12, '#12'], // blank name, no id: Keqing's number
    [undefined, 7, '#7'], // a customer no longer on file
  ])('shows %j (id %i) as %s', (customer, id, shown) => {
    expect(customerName(customer, id)).toBe(shown);
  });

  it.each([
    [{ name: '张三', externalId: 'M001' }, 12, '张**'],
    [{ name: '欧阳娜娜' }, 3, '欧**'], // four characters, still two stars: the length is not told
    [{ name: 'jane smith' }, 4, 'J***'],
    [{ name: '', externalId: 'M001' }, 12, '#12'], // the member number is not shown either
    [undefined, 7, '#7'],
  ])('anonymises %j (id %i) as %s', (customer, id, shown) => {
    expect(customerName(customer, id, true)).toBe(shown);
  });
});

describe('maskName', () => {
  it.each([
    ['李', '李**'],
    [' 王小明 ', '王**'],
    ['𠮷野家', '𠮷**'], // a character outside the BMP is one character, not half of one
    ['émile', 'É***'], // any script but Chinese: an initial
    ['', ''],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
