// The UTC day, computed once a day: the default `asOf`, and part of every response-cache key.
let today = '';
let todayEnds = 0;

export function todayUtc(): string {
  const now = Date.now();
  if (now >= todayEnds) {
    today = new Date(now).toISOString().slice(0, 10);
    todayEnds = Date.parse(`${today}T00:00:00Z`) + 86_400_000;
  }
  return today;
}
