/**
 * The one way a customer's name is shown (issue 18): the name, else the shop's own id, else
 * Keqing's number. In class mode a trainer projects the demo store or a real shop's file to a
 * room, so names are anonymous: a Chinese name keeps its first character (the surname) as 张**,
 * the way receipts and delivery slips mask names; a Latin name keeps its initial (J***); the
 * shop's own id is never shown (it is a member number), Keqing's #123 is. The number of stars is
 * fixed so a mask does not tell a two-character name from a three-character one.
 */
export interface NamedCustomer {
  name?: string | null;
  externalId?: string | null;
}

export function customerName(customer: NamedCustomer | null | undefined, id: number, anonymous = false): string {
  const name = (customer?.name ?? '').trim();
  if (!anonymous) return name || customer?.externalId || `#${id}`;
  if (name === '') return `#${id}`;
  return maskName(name);
}

/** 张三丰 → 张**, Jane Smith → J***. The first character (a surrogate pair counts as one). */
export function maskName(name: string): string {
  const [first = ''] = Array.from(name.trim());
  if (first === '') return '';
  return /\p{Script=Han}/u.test(first) ? `${first}**` : `${first.toUpperCase()}***`;
}
