/** Needs-based segments and their campaigns as stored (lib/needs), plus the hourly staff cost setting. */
import type { Campaign, CampaignDraft } from '../lib/needs/campaign';
import type { NeedsSegment, NeedsSegmentDraft } from '../lib/needs/segment';
import { byPriority } from '../lib/needs/portfolio';
import type { KeqingDb } from './db';

export const readSegments = async (db: KeqingDb): Promise<NeedsSegment[]> => byPriority(await db.needsSegments.toArray());

export async function addSegment(db: KeqingDb, draft: NeedsSegmentDraft): Promise<number> {
  const now = new Date().toISOString();
  return (await db.needsSegments.add({ ...draft, createdAt: now, updatedAt: now } as NeedsSegment)) as number;
}

export async function updateSegment(db: KeqingDb, id: number, draft: NeedsSegmentDraft): Promise<void> {
  await db.needsSegments.update(id, { ...draft, updatedAt: new Date().toISOString() });
}

/** Its campaigns stay, no longer tied to a segment. */
export async function deleteSegment(db: KeqingDb, id: number): Promise<void> {
  await db.transaction('rw', db.needsSegments, db.campaigns, async () => {
    await db.needsSegments.delete(id);
    await db.campaigns.where('segmentId').equals(id).modify({ segmentId: null });
  });
}

/** Newest first. */
export const readCampaigns = async (db: KeqingDb): Promise<Campaign[]> => (await db.campaigns.orderBy('date').reverse().toArray());

export async function addCampaign(db: KeqingDb, draft: CampaignDraft): Promise<number> {
  const now = new Date().toISOString();
  return (await db.campaigns.add({ ...draft, createdAt: now, updatedAt: now } as Campaign)) as number;
}

export async function updateCampaign(db: KeqingDb, id: number, draft: CampaignDraft): Promise<void> {
  await db.campaigns.update(id, { ...draft, updatedAt: new Date().toISOString() });
}

export const deleteCampaign = (db: KeqingDb, id: number) => db.campaigns.delete(id);

const HOURLY_KEY = 'needsHourlyCost';
/** Cost of an hour of staff time, fen (turns staff time into money beside gifts and discounts). */
export async function getHourlyCost(db: KeqingDb): Promise<number> {
  const v = (await db.settings.get(HOURLY_KEY))?.value;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 3_000;
}
export const saveHourlyCost = (db: KeqingDb, fen: number) => db.settings.put({ key: HOURLY_KEY, value: fen });
