/**
 * The time-allocation bench page (issue 7): 20 reps × 2 years of entries (~200,000), written
 * packed per rep-month, read back, and analysed by the app's own time worker. It also writes a
 * sample as one IndexedDB record per entry, the storage we did not choose, for comparison.
 */
import { Dexie } from 'dexie';
import { db } from '../../src/data/db';
import { putTimeEntries, readTimeChunks } from '../../src/data/timeuse';
import { dayFromYmd } from '../../src/lib/dates';
import type { TimeEntry } from '../../src/lib/timeuse/entries';
import { defaultSetup } from '../../src/lib/timeuse/setup';
import { timeuse } from '../../src/workers/timeuse-client';

declare global {
  interface Window {
    __result?: Record<string, number>;
    __error?: string;
  }
}

const ms = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const value = await work();
  return [performance.now() - t0, value];
};

/** A working day of ~14 entries (8–9 h), deterministic. */
function generate(reps: number, days: number): TimeEntry[] {
  const cats = ['invoicing', 'selling', 'admin', 'reports', 'visiting'];
  const out: TimeEntry[] = [];
  const first = dayFromYmd(2024, 11, 1);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let r = 1; r <= reps; r++) {
    for (let d = 0; d < days; d++) {
      let minute = 540;
      for (let k = 0; k < 14; k++) {
        const minutes = 20 + Math.floor(rand() * 20);
        const entry: TimeEntry = { rep: `r${r}`, day: first + d, category: cats[Math.floor(rand() * cats.length)]!, minutes };
        if (k % 2 === 0) {
          entry.start = minute;
          entry.end = minute + minutes;
        }
        minute += minutes;
        out.push(entry);
      }
    }
  }
  return out;
}

async function main() {
  const params = new URLSearchParams(location.search);
  const reps = Number(params.get('reps') ?? 20);
  const days = Number(params.get('days') ?? 730);
  const state = document.getElementById('state')!;
  state.textContent = 'seeding';
  await db.timeChunks.clear();
  const entries = generate(reps, days);
  const result: Record<string, number> = { entries: entries.length };

  [result.writePackedMs] = await ms(() => putTimeEntries(db, entries));
  // The road not taken: a record per entry (a 20,000 sample, scaled to rows/s).
  const sample = entries.slice(0, 20_000);
  const perRecord = new Dexie(`bench-records-${Date.now()}`);
  perRecord.version(1).stores({ entries: '++id, rep, day' });
  const [recordMs] = await ms(() => perRecord.transaction('rw', perRecord.table('entries'), () => perRecord.table('entries').bulkAdd(sample.map((e) => ({ ...e })))));
  await perRecord.delete();
  result.recordRowsPerSecond = sample.length / (recordMs / 1000);
  result.packedRowsPerSecond = entries.length / ((result.writePackedMs ?? 1) / 1000);

  state.textContent = 'measuring';
  // The worker reads the chunks itself on every question (the round trip includes this read).
  const [readMs, chunks] = await ms(() => readTimeChunks(db));
  result.readMs = readMs;
  result.chunks = chunks.length;
  const setup = defaultSetup(false);
  setup.reps = Array.from({ length: reps }, (_, i) => ({ id: `r${i + 1}`, name: `Rep ${i + 1}`, role: 'rep' as const }));
  const runs: number[] = [];
  let roundTrip = 0;
  for (let i = 0; i < 5; i++) {
    const [total, answer] = await ms(() => timeuse.call('analyse', { setup: { categories: setup.categories, reps: setup.reps }, filter: {} }));
    if (!answer.ok) throw new Error(answer.error.code);
    const r = answer.value;
    runs.push(r.ms);
    roundTrip = Math.max(roundTrip, total);
    if (i === 0) result.entriesAnalysed = r.analysis.entries;
  }
  runs.sort((a, b) => a - b);
  result.analysisInWorkerMs = runs[2]!;
  result.analysisFirstMs = Math.max(...runs);
  result.analysisRoundTripMs = roundTrip;
  timeuse.terminate();
  await db.timeChunks.clear();
  window.__result = result;
  state.textContent = 'done';
}

main().catch((e: unknown) => {
  window.__error = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
});
