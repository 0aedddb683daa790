/**
 * The test-drive / appointment flow (domain.md §5, seed 002): contact the prospect 2–3 days before
 * to fix the time, remind them 1 day before, the visit on the day.
 */
export type ReminderKind = 'contact' | 'remind' | 'visit';

export interface Appointment {
  id: string;
  day: number;
}

export interface Reminder {
  id: string;
  kind: ReminderKind;
  appointmentDay: number;
  /** First and last day to do it (contact: a two-day window). */
  from: number;
  until: number;
}

/** What the appointment asks for, and when. */
export function remindersFor(a: Appointment): Reminder[] {
  return [
    { id: a.id, kind: 'contact', appointmentDay: a.day, from: a.day - 3, until: a.day - 2 },
    { id: a.id, kind: 'remind', appointmentDay: a.day, from: a.day - 1, until: a.day - 1 },
    { id: a.id, kind: 'visit', appointmentDay: a.day, from: a.day, until: a.day },
  ];
}

/** Reminders due on any day of [today, today + days), earliest first. */
export function remindersDue(appointments: readonly Appointment[], today: number, days = 1): Reminder[] {
  const last = today + days - 1;
  return appointments
    .flatMap(remindersFor)
    .filter((r) => r.from <= last && r.until >= today)
    .sort((a, b) => a.from - b.from || a.appointmentDay - b.appointmentDay || a.id.localeCompare(b.id));
}
