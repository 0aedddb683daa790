/**
 * Class mode (课堂模式, issue 18): a trainer projects the app to a room. Remembered in this
 * browser; sets `data-class-mode` on <html>, which raises the type (app.css) and the chart text
 * (ui/chart/Chart.svelte), and makes every customer name anonymous and every phone masked.
 */
import { customerName, type NamedCustomer } from '../lib/customers/display-name';

const STORAGE_KEY = 'keqing.classMode';

let on = $state(globalThis.localStorage?.getItem(STORAGE_KEY) === 'on');

function mark(value: boolean) {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (value) root.dataset.classMode = 'on';
  else delete root.dataset.classMode;
}
mark(on);

export const classMode = {
  get on(): boolean {
    return on;
  },
  set on(value: boolean) {
    on = value;
    mark(value);
    if (value) globalThis.localStorage?.setItem(STORAGE_KEY, 'on');
    else globalThis.localStorage?.removeItem(STORAGE_KEY);
  },
  /** A chart's text size in px: the chart's own size, raised to 18 px in class mode (readable from the back of a room). */
  chartPx(own = 12): number {
    return on ? Math.max(own, 18) : own;
  },
  /** A radar's or heatmap's height: the screen's, in class mode. */
  chartHeight(own: string): string {
    return on ? 'max(24rem, calc(100vh - 12rem))' : own;
  },
};

/** A customer's name as every screen shows it: anonymous in class mode. */
export function shownName(customer: NamedCustomer | null | undefined, id: number): string {
  return customerName(customer, id, on);
}
