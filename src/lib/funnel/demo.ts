/**
 * A small, deterministic sales funnel for the demo store (kept apart from lib/demo/generate so the
 * demo's customer and purchase figures do not move): about 30 prospects a month for the last 13
 * months moving through the course's steps, open ones with an expected month and appointments in
 * the coming week, and some late deliveries with and without a "customer told" date.
 */
import { isoFromDay } from '../dates';
import { createRandom } from '../random';
import { monthDays, monthOfDay, monthText } from './months';
import { prospectSources, stages, type Opportunity, type StageEvent } from './records';

const models = ['羊毛大衣', '真丝连衣裙', '羊绒衫', '西装套装', '风衣'];
const colours = ['黑', '驼色', '藏青', '酒红', '米白'];
const surnames = ['陈', '林', '黄', '周', '吴', '郑', '刘', '何'];
/** Chance of moving on from each step to the next (greet → needs … follow up → loyal). */
const advance = [0.8, 0.75, 0.6, 0.55, 0.95, 0.85, 0.2];

export function demoFunnel(seed: number, endDay: number): { opportunities: Opportunity[]; events: StageEvent[] } {
  const rnd = createRandom(seed ^ 0x5eed);
  const opportunities: Opportunity[] = [];
  const events: StageEvent[] = [];
  const last = monthOfDay(endDay);
  let n = 0;
  for (let m = last - 12; m <= last; m++) {
    const { start, end } = monthDays(m);
    const count = rnd.int(24, 36);
    for (let k = 0; k < count; k++) {
      const greet = rnd.int(start, end - 1);
      if (greet > endDay) continue;
      const id = `demo-${++n}`;
      const at = `${isoFromDay(greet)}T09:00:00.000Z`;
      const o: Opportunity = {
        id,
        name: `${rnd.pick(surnames)}${rnd.chance(0.6) ? '女士' : '先生'}`,
        phone: `139${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
        source: rnd.weighted(prospectSources, [60, 25, 15]),
        group: rnd.chance(0.5) ? 'A组' : 'B组',
        model: rnd.pick(models),
        colour: rnd.pick(colours),
        createdAt: at,
        updatedAt: at,
      };
      let day = greet;
      let s = 0;
      events.push({ id: `${id}-0`, opportunityId: id, stage: 'greet', day });
      while (s < advance.length && rnd.chance(advance[s]!)) {
        const next = day + rnd.int(0, s === 4 ? 10 : 4);
        if (next > endDay) break;
        s++;
        day = next;
        // Some skip the demonstration and go straight to the trial.
        if (stages[s] === 'demo' && rnd.chance(0.2)) continue;
        events.push({ id: `${id}-${s}`, opportunityId: id, stage: stages[s]!, day });
      }
      const reached = stages[s]!;
      if (reached === 'greet' || reached === 'needs' || reached === 'demo') {
        if (greet > endDay - 45) {
          o.expectedMonth = monthText(monthOfDay(endDay) + rnd.int(0, 3));
          if (rnd.chance(0.4)) o.appointmentDay = endDay + rnd.int(0, 6);
        } else if (rnd.chance(0.5)) o.lost = true;
      }
      const delivered = events.find((e) => e.opportunityId === id && e.stage === 'deliver');
      if (delivered) {
        o.promisedDay = delivered.day - (rnd.chance(0.15) ? rnd.int(1, 5) : 0);
        if (o.promisedDay < delivered.day) {
          o.late = true;
          const told = rnd.weighted(['before', 'after', 'never'] as const, [50, 25, 25]);
          if (told === 'before') o.toldDay = o.promisedDay - rnd.int(0, 2);
          else if (told === 'after') o.toldDay = o.promisedDay + 1;
        }
      }
      opportunities.push(o);
    }
  }
  return { opportunities, events };
}
