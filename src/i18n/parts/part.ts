/** A feature's messages in both languages; `en` must have exactly `zh`'s keys. */
export function part<K extends string>(messages: { zh: Record<K, string>; en: Record<NoInfer<K>, string> }) {
  return messages;
}
