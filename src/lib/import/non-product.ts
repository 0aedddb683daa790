/**
 * Item codes (or item names) of lines that are not goods sold: postage, fees, deposits, gifts.
 * A Chinese store's list is the default; the UK web shop's codes (the UCI "Online Retail" file
 * many course exercises use) are a named choice, not mixed in: 'M' or 'S' there means manual or
 * samples, while a Chinese store's item code M may well be a size or a product.
 */
export const nonProductPresets = {
  chineseStore: ['运费', '邮费', '快递费', '包装费', '手续费', '赠品', '押金', '折扣', '抹零', '调整'],
  onlineRetail: ['POST', 'DOT', 'M', 'D', 'S', 'B', 'C2', 'CRUK', 'BANK CHARGES', 'AMAZONFEE', 'ADJUST'],
} as const satisfies Record<string, readonly string[]>;

export type NonProductPreset = keyof typeof nonProductPresets;
export const nonProductPresetIds = Object.keys(nonProductPresets) as NonProductPreset[];

export const defaultNonProductCodes: string[] = [...nonProductPresets.chineseStore];

/** How a code is compared: without surrounding spaces or case. */
export const codeKey = (code: string) => code.trim().toUpperCase();

/** The preset a list is (same codes, any order or case), or null for a list of the user's own. */
export function presetOf(codes: readonly string[]): NonProductPreset | null {
  const keys = [...new Set(codes.map(codeKey))].sort().join('\n');
  return nonProductPresetIds.find((id) => [...nonProductPresets[id]].map(codeKey).sort().join('\n') === keys) ?? null;
}

/**
 * Each code of the list with the lines it matched (`matches` is keyed by codeKey, as the
 * conversion counts them), in the list's order, codes that matched nothing included.
 */
export function codeTally(codes: readonly string[], matches: Readonly<Record<string, number>>): { code: string; lines: number }[] {
  const seen = new Set<string>();
  return codes.flatMap((code) => {
    const key = codeKey(code);
    if (key === '' || seen.has(key)) return [];
    seen.add(key);
    return [{ code: code.trim(), lines: matches[key] ?? 0 }];
  });
}
