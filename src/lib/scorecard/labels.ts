/**
 * A dimension name broken into short lines for a radar's point labels (Chart.js draws an array as
 * lines): English at spaces, Chinese at '/' or every `max` characters. Truncating instead would
 * leave "Customer i…" and "Customer s…" indistinguishable.
 */
export function wrapLabel(text: string, max = 14): string[] {
  const words = /\s/.test(text) ? text.split(/\s+/) : text.split(/(?<=\/)/);
  const lines: string[] = [];
  for (const word of words) {
    for (let i = 0; i < word.length; i += max) {
      const piece = word.slice(i, i + max);
      const last = lines.at(-1);
      if (last !== undefined && i === 0 && (last + ' ' + piece).length <= max) lines[lines.length - 1] = /\s/.test(text) ? `${last} ${piece}` : last + piece;
      else lines.push(piece);
    }
  }
  return lines;
}

/** "3. Customer information" as radar label lines, numbered like the form. */
export const radarLabel = (index: number, name: string, locale: 'zh' | 'en'): string[] =>
  locale === 'zh' ? wrapLabel(`${index + 1}.${name}`, 8) : wrapLabel(`${index + 1}. ${name}`, 16);
