/**
 * A figure in the UI's language, or '—' when there is none (nothing to divide by, no data yet):
 * every table that may lack a figure shows the gap the same way, never 0, NaN or "null".
 */
import { i18n } from '../i18n/i18n.svelte';
import { formatCount, formatDecimal, formatMoney, formatPercent } from '../lib/format';

export const NO_FIGURE = '—';

export const percentText = (share: number | null | undefined) => (share == null ? NO_FIGURE : formatPercent(share, i18n.tag));
/** From fen (rounded to the fen: averages come as fractions). */
export const moneyText = (fen: number | null | undefined) => (fen == null ? NO_FIGURE : formatMoney(Math.round(fen), i18n.tag));
export const decimalText = (n: number | null | undefined, digits = 2) => (n == null ? NO_FIGURE : formatDecimal(n, i18n.tag, digits));
export const countText = (n: number | null | undefined) => (n == null ? NO_FIGURE : formatCount(n, i18n.tag));
