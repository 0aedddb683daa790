/** Row checks for the funnel and KPI tables: backup restore runs them on every row (lib/backup/validate). */
import { kpiIds } from '../kpi/definitions';
import { isKpiPeriod } from '../kpi/periods';
import { monthFromText } from './months';
import { prospectSources, stages } from './records';

type Row = Record<string, unknown>;
const text = (v: unknown) => typeof v === 'string';
const optText = (v: unknown) => v === undefined || typeof v === 'string';
const day = (v: unknown) => Number.isSafeInteger(v);
const optDay = (v: unknown) => v === undefined || day(v);
const optBool = (v: unknown) => v === undefined || typeof v === 'boolean';
const month = (v: unknown) => typeof v === 'string' && monthFromText(v) !== null;
const optNumberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

function first(row: Row, spec: Record<string, (v: unknown) => boolean>): string | null {
  for (const [field, ok] of Object.entries(spec)) if (!ok(row[field])) return field;
  return null;
}

export const opportunityProblem = (row: Row) =>
  first(row, {
    name: text,
    phone: optText,
    customerId: (v) => v === undefined || (Number.isSafeInteger(v) && (v as number) > 0),
    source: (v) => prospectSources.includes(v as never),
    group: optText,
    model: optText,
    colour: optText,
    options: optText,
    expectedMonth: (v) => v === undefined || month(v),
    appointmentDay: optDay,
    promisedDay: optDay,
    late: optBool,
    toldDay: optDay,
    lost: optBool,
    note: optText,
    createdAt: text,
    updatedAt: text,
  });

export const stageEventProblem = (row: Row) => first(row, { opportunityId: text, stage: (v) => stages.includes(v as never), day });

export const monthNoteProblem = (row: Row) => first(row, { month, text, updatedAt: text });

export const kpiSettingProblem = (row: Row) =>
  first(row, { id: (v) => kpiIds.includes(v as never), target: optNumberOrNull, alert: optNumberOrNull, front: (v) => typeof v === 'boolean', period: (v) => v === undefined || isKpiPeriod(v) });
