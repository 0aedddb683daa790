/** Checks a stored complaint (backup restore): the name of the first bad field, or null. */
import { complaintSteps, complaintTypes, responsibilities, validateComplaint, type ComplaintDraft } from './complaint';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function complaintProblem(row: Record<string, unknown>): string | null {
  if (row.customerId !== null && !(Number.isSafeInteger(row.customerId) && (row.customerId as number) > 0)) return 'customerId';
  for (const f of ['customerName', 'date', 'description', 'createdAt', 'updatedAt'] as const) if (typeof row[f] !== 'string') return f;
  if (!complaintTypes.includes(row.type as never)) return 'type';
  if (!responsibilities.includes(row.responsibility as never)) return 'responsibility';
  if (!isObject(row.steps)) return 'steps';
  for (const [name, step] of Object.entries(row.steps)) {
    if (!complaintSteps.includes(name as never) || !isObject(step) || typeof step.date !== 'string' || typeof step.owner !== 'string') return `steps.${name}`;
    if (step.note !== undefined && typeof step.note !== 'string') return `steps.${name}.note`;
  }
  const r = validateComplaint(row as unknown as ComplaintDraft);
  if (r.ok) return null;
  const e = r.error;
  return 'step' in e ? `steps.${e.step}` : 'field' in e ? (e.field === 'date' ? 'date' : `steps.${e.field}`) : e.code === 'complaints.nameRequired' ? 'customerName' : 'description';
}
