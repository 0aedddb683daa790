/**
 * Saved customer groups (客群) worked out in the analysis engine (issue 17): every customer's facts
 * (lib/tags/facts) from the stats it holds, the RFM segments it scores, the tiers, contacts and tags
 * it reads; the group rule (lib/tags/groups inGroup) over them. The page gets the members packed,
 * or the finished contact list; building 100,000 customers' facts on the page took 375 ms tasks.
 */
import type { KeqingDb } from '../data/db';
import { getAutoMembers, getTagGroups, readLastContacts } from '../data/tags';
import { readTierStates } from '../data/tiers';
import { toCsv } from '../lib/csv/export';
import type { Customer } from '../lib/customers/customer';
import type { CustomerStats } from '../lib/customers/stats';
import type { PackedScores } from '../lib/rfm/packed';
import { buildFacts, segmentsOf, type CustomerFacts } from '../lib/tags/facts';
import { groupCsvRows, membersOf, type GroupFilter, type GroupMember } from '../lib/tags/groups';
import { tagLabel, tagsByCustomer, type TagGroup } from '../lib/tags/tags';
import { evaluateAutoTags, type AutoTag } from '../lib/tags/auto';
import type { CustomerFile } from './customer-file';
import type { CallContext } from './rpc';

export interface GroupAsk {
  filter: GroupFilter;
  /** The page's day number (recency and "not contacted in N days" count from it). */
  today: number;
  /** The page's write count of the customer file (see CustomerFile). */
  customers: number;
  /** The page's data version (data/versions): tiers, contacts and tags as of it, kept until it changes. */
  data: number;
}

export interface GroupFileAsk extends GroupAsk {
  headers: string[];
  /** The first line of a file with full phone numbers; absent when masked. */
  notice?: string;
  fullPhones: boolean;
  /** Segment id → its name in the UI's language. */
  segmentNames: Record<string, string>;
}

/** What every group is tested against, for one state of the store. */
interface Basis {
  customers: Customer[];
  facts: Map<number, CustomerFacts>;
  tagsOf: Map<number, Set<string>>;
  tagGroups: TagGroup[];
}

export interface GroupSources {
  db: KeqingDb;
  file: CustomerFile;
  /** The stats with their lines version (a new version is new figures). */
  stats: () => Promise<{ version: string; stats: CustomerStats }>;
  /** The segments as of `analysisDay` (lib/tags/facts GROUP_PRESET, quantile cuts). */
  score: (analysisDay: number) => Promise<PackedScores | undefined>;
}

export class Groups {
  #kept: { key: string; basis: Promise<Basis> } | null = null;

  constructor(private readonly sources: GroupSources) {}

  /** The basis for `ask`: kept while the lines, the customer file, the page's data version and the day stay the same (a new filter re-tests only). */
  async #basis(ask: GroupAsk, ctx: CallContext): Promise<Basis> {
    const { db, file, stats, score } = this.sources;
    const lines = await stats();
    const key = `${lines.version}|${ask.customers}|${ask.data}|${ask.today}`;
    if (this.#kept?.key !== key) {
      const basis = (async (): Promise<Basis> => {
        const [byId, tierRows, contacts, auto, tagGroups, packed] = await Promise.all([file.byId(ask.customers), readTierStates(db), readLastContacts(db), getAutoMembers(db), getTagGroups(db), score(ask.today + 1)]);
        const customers = [...byId.values()];
        const tiers = new Map(tierRows.map((s) => [s.id, { tier: s.tier, churned: s.churned }]));
        const facts = buildFacts(Array.from(byId.keys()), lines.stats, { tiers, segments: segmentsOf(packed), contacts }, ask.today);
        return { customers, facts, tagsOf: tagsByCustomer(customers, auto?.members ?? {}), tagGroups };
      })();
      const kept = { key, basis };
      this.#kept = kept;
      basis.catch(() => {
        if (this.#kept === kept) this.#kept = null;
      });
    }
    const basis = await this.#kept!.basis;
    await ctx.checkpoint();
    return basis;
  }

  async members(ask: GroupAsk, ctx: CallContext): Promise<{ basis: Basis; members: GroupMember[] }> {
    const basis = await this.#basis(ask, ctx);
    return { basis, members: membersOf(basis.customers, basis.tagsOf, basis.facts, ask.filter, ask.today) };
  }

  /** Who each auto tag's rules give it now (lib/tags/auto), over every customer on file; the page stores the answer. */
  async autoTags(ask: Omit<GroupAsk, 'filter'>, rules: readonly AutoTag[], ctx: CallContext): Promise<Map<string, number[]>> {
    const basis = await this.#basis({ ...ask, filter: {} }, ctx);
    return evaluateAutoTags(rules, basis.customers.map((c) => ({ id: c.id, facts: basis.facts.get(c.id)! })));
  }

  /** The group's contact list as a CSV file (every member: the engine holds them all). */
  async file(ask: GroupFileAsk, ctx: CallContext): Promise<Blob> {
    const { basis, members } = await this.members(ask, ctx);
    await ctx.checkpoint();
    const rows = groupCsvRows(members, { today: ask.today, fullPhones: ask.fullPhones, tagsOf: basis.tagsOf, tagLabel: (tag) => tagLabel(basis.tagGroups, tag), segmentName: (id) => ask.segmentNames[id] ?? id });
    return new Blob([toCsv(ask.headers, rows, ask.notice ? { notice: ask.notice } : {})], { type: 'text/csv;charset=utf-8' });
  }
}
