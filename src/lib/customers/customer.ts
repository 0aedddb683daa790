/** A customer file record (客户档案). Fields follow domain.md §2 (seeds 000, 003, 004). */
export const customerTypes = ['household', 'commercial', 'project'] as const;
export type CustomerType = (typeof customerTypes)[number];

export const channels = ['store', 'website', 'social'] as const;
export type Channel = (typeof channels)[number];

/** Customer classes for ABC by class (domain.md §3). */
export const customerClasses = ['wholesale', 'retail', 'agent', 'franchise', 'chain', 'speciality'] as const;
export type CustomerClass = (typeof customerClasses)[number];

export interface Customer {
  id: number;
  /** The customer's id in the shop's own system (the file's 客户编号 / CustomerID). */
  externalId?: string;
  name: string;
  /** Normalised mainland number, digits only. Absent when unknown. */
  phone?: string;
  cardNo?: string;
  /** Card level as the store names it (e.g. 金卡). */
  level?: string;
  gender?: 'F' | 'M';
  /** YYYY-MM-DD as typed; with `birthdayLunar` it is a lunar (农历) year-month-day (day up to 30). */
  birthday?: string;
  /** The birthday is kept in the lunar calendar; the care calendar finds its solar date each year. */
  birthdayLunar?: true;
  /** A lunar birthday in a leap month (闰月). */
  birthdayLeap?: true;
  heightCm?: number;
  waistCm?: number;
  /** Size bought most recently (当次购买尺码). */
  size?: string;
  address?: string;
  /** Country, province or city, as the source gives it. */
  region?: string;
  favouriteColour?: string;
  favouriteStyle?: string;
  favouriteLook?: string;
  type?: CustomerType;
  channel?: Channel;
  customerClass?: CustomerClass;
  notes?: string;
  /** 归属导购: the id of the rep who owns the customer (the time-use rep list, lib/timeuse/setup). */
  ownerId?: string;
  /** Tags given by hand (lib/tags): tag ids. Auto tags are kept apart, re-evaluated on demand. */
  tags?: string[];
  /** Set for a prospect (潜在客户, seeds 000/002): what they intend to buy. */
  prospect?: Prospect;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}

export interface Prospect {
  model?: string;
  colour?: string;
  options?: string;
  /** YYYY-MM-DD */
  expectedDate?: string;
}

export interface Product {
  /** Item no. (货号), the key purchase lines refer to. */
  code: string;
  name: string;
  category: string;
  /** List price, fen. */
  price: number;
  /** Unit cost, fen, when known. */
  cost?: number;
  /** Units in stock at the start and the end of the analysed period (turnover, domain.md §8). */
  stockOpen?: number;
  stockClose?: number;
  /** Sales target for the analysed period, fen (sales composition vs target). */
  target?: number;
}
