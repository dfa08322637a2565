// The UTC day, computed once a day: the default `asOf`, and part of every response-cache key.
let today = '';
let todayStarts = 0;
let todayEnds = 0;

export function todayUtc(): string {
  const now = Date.now();
  // Recomputed at midnight, and when the clock is set back before the day it last gave.
  if (now >= todayEnds || now < todayStarts) {
    today = new Date(now).toISOString().slice(0, 10);
    todayStarts = Date.parse(`${today}T00:00:00Z`);
    todayEnds = todayStarts + 86_400_000;
  }
  return today;
}
