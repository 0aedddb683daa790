export * from './rule';
export * from './facts';
export * from './regrade';
import type { GradeChange } from './regrade';

/** A grade change as stored: numbered in the order written. */
export interface GradeLogRow extends GradeChange {
  id: number;
}
