/** Numbers for people: money from fen, counts, sizes, in the UI's locale tag. */

/** Whole yuan for large totals, fen shown only when the amount has them. */
export function formatMoney(fen: number, tag: string): string {
  const yuan = fen / 100;
  const digits = Number.isInteger(yuan) ? 0 : 2;
  return new Intl.NumberFormat(tag, { style: 'currency', currency: 'CNY', minimumFractionDigits: digits, maximumFractionDigits: 2 }).format(yuan);
}

export const formatCount = (n: number, tag: string) => new Intl.NumberFormat(tag).format(n);

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
