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
