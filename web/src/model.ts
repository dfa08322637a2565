import type { Change, components } from '@sco-api/client';
import { statusValues } from '../../dataset/vocabulary.js';

// What the page shows, with no DOM: statuses and their colours, dates, the counts over time.

export type Status = components['schemas']['StatusKind'];
export type Language = keyof components['schemas']['LocalizedNames'];

/** The order of the legend, the counts and the stacked timeline (members at the bottom). */
export const statuses: readonly Status[] = statusValues;

// Okabe-Ito colours: told apart with the common colour-vision deficiencies, and each has 3:1 contrast
// or more against the white page and the pale land around it (WCAG 1.4.11).
export const statusColours: Record<Status, string> = {
  member: '#0b5394',
  observer: '#b35806',
  dialogue_partner: '#a6427c',
  partner: '#00795a',
};
export const noStatusColour = '#d5dae1';
export const otherLandColour = '#eceff3';

/** The SCO Charter's day: no status exists before it. */
export const founding = '2001-06-15';

const DAY_MS = 86_400_000;

/** A calendar day as days since 1970-01-01 (UTC), and back: dates here are days, never instants. */
export const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
export const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Today where the reader is. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The date, moved into [first, last] if outside. */
export function clampDate(date: string, first: string, last: string): string {
  if (date < first) return first;
  if (date > last) return last;
  return date;
}

export const isDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

export const zeroCounts = (): Record<Status, number> => ({ member: 0, observer: 0, dialogue_partner: 0, partner: 0 });

export interface CountStep {
  /** From this day on (until the next step) the counts are these. */
  date: string;
  counts: Record<Status, number>;
}

/**
 * The counts per status over time from the list of changes: one step per day on which something
 * changed. A change moves a country from its previous status (if any) to its new one.
 */
export function countSteps(changes: readonly Pick<Change, 'date' | 'previousStatus' | 'status'>[]): CountStep[] {
  const ordered = [...changes].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const steps: CountStep[] = [];
  const counts = zeroCounts();
  for (const change of ordered) {
    if (change.previousStatus) counts[change.previousStatus] -= 1;
    counts[change.status] += 1;
    const last = steps.at(-1);
    if (last?.date === change.date) last.counts = { ...counts };
    else steps.push({ date: change.date, counts: { ...counts } });
  }
  return steps;
}

/** The counts on a day, from the steps. */
export function countsOn(steps: readonly CountStep[], date: string): Record<Status, number> {
  let found = zeroCounts();
  for (const step of steps) {
    if (step.date > date) break;
    found = step.counts;
  }
  return found;
}
