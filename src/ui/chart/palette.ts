/** One palette for every chart: distinguishable in print and for the common colour blindnesses (Okabe–Ito). */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export function colour(index: number): string {
  return palette[index % palette.length]!;
}

/** `#RRGGBB` at an opacity, for fills under lines and radar areas. */
export function translucent(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A sequential scale from white to the accent blue, for heatmaps; `share` in [0, 1]. */
export function heat(share: number): string {
  const s = Math.min(1, Math.max(0, share));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * s);
  return `rgb(${mix(247, 8)}, ${mix(251, 69)}, ${mix(255, 148)})`;
}

/** After the palette, for charts with a dozen series (segments): Paul Tol's "muted" scheme, also colour-blind safe. */
const more = ['#882255', '#332288', '#999933', '#44AA99', '#DDCC77', '#117733', '#88CCEE', '#AA4499'] as const;

/** Colours for many series (stacked bars of a dozen segments): 16 distinct ones, then lighter repeats. */
export function seriesColour(index: number): string {
  if (index < palette.length) return colour(index);
  const extra = index - palette.length;
  const hex = more[extra % more.length]!;
  return extra < more.length ? hex : translucent(hex, 0.45);
}

/** Text over a heat() cell: dark on the pale end, white on the dark end. */
export const heatText = (share: number): string => (share > 0.55 ? '#ffffff' : '#1a1a1a');
