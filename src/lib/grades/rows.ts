/** Checks stored grade rows (backup restore): the name of the first bad field, or null. */
import { grades } from './rule';

const isGrade = (v: unknown) => grades.includes(v as never);
const isId = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
const isPoints = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 5;

export function gradeStateProblem(row: Record<string, unknown>): string | null {
  if (!isGrade(row.grade)) return 'grade';
  if (!isPoints(row.points)) return 'points';
  if (typeof row.since !== 'string') return 'since';
  return null;
}

export function gradeLogProblem(row: Record<string, unknown>): string | null {
  if (!isId(row.customerId)) return 'customerId';
  if (row.from !== null && !isGrade(row.from)) return 'from';
  if (row.to !== null && !isGrade(row.to)) return 'to';
  if (row.points !== null && !isPoints(row.points)) return 'points';
  if (typeof row.at !== 'string') return 'at';
  if (typeof row.by !== 'string') return 'by';
  return null;
}
