/**
 * What the model screen remembers between visits (issue 15 §4): the time unit, the forecast
 * horizon, and an end of observation only when the user chose one. Left unchosen (null) the end
 * follows the data, the day after the last transaction, so a new import moves it along.
 */
import { timeUnits, type TimeUnit } from './summary';

export interface ClvSettings {
  unit: TimeUnit;
  /** Day number of the end of observation (lifetimes' observation_period_end); null = the default. */
  endDay: number | null;
  horizonDays: number;
}

export const defaultClvSettings: ClvSettings = { unit: 'week', endDay: null, horizonDays: 90 };

/** Settings as stored (maybe by an older version, maybe edited): each bad field falls back to its default. */
export function checkClvSettings(raw: unknown): ClvSettings {
  const r = (raw ?? {}) as Partial<Record<keyof ClvSettings, unknown>>;
  const whole = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  return {
    unit: typeof r.unit === 'string' && Object.hasOwn(timeUnits, r.unit) ? (r.unit as TimeUnit) : defaultClvSettings.unit,
    // Day numbers of 1900-01-01 … 2199-12-31 (lib/dates counts from 1970-01-01).
    endDay: whole(r.endDay, -25_567, 84_005) ? (r.endDay as number) : null,
    horizonDays: whole(r.horizonDays, 1, 3650) ? (r.horizonDays as number) : defaultClvSettings.horizonDays,
  };
}
