/** Numbers for people: money from fen, counts, sizes, in the UI's locale tag. */

/** Whole yuan for large totals, fen shown only when the amount has them. */
export function formatMoney(fen: number, tag: string): string {
  const yuan = fen / 100;
  const digits = Number.isInteger(yuan) ? 0 : 2;
  return new Intl.NumberFormat(tag, { style: 'currency', currency: 'CNY', minimumFractionDigits: digits, maximumFractionDigits: 2 }).format(yuan);
}

/** Money already in yuan (analysis results), shown like formatMoney. */
export const formatYuan = (yuan: number, tag: string) => formatMoney(Math.round(yuan * 100), tag);

export const formatCount = (n: number, tag: string) => new Intl.NumberFormat(tag).format(n);

/** A share (0–1) as a percentage with at most one decimal. */
export const formatPercent = (share: number, tag: string) => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }).format(share);

export function formatBytes(bytes: number, tag: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(tag, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
