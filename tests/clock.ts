// The one source of "today" in the tests: the UTC day, as the API's default `asOf` and the
// explorer's browser (timezoneId UTC) define it. Computed here, never with the code under test.
export function utcToday(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/**
 * Runs `read` with today's UTC date, again if midnight passed while it ran: a test of what
 * "today" means compares answers of one day, whenever it runs.
 */
export async function onOneUtcDay<T>(read: (today: string) => Promise<T>): Promise<T> {
  for (;;) {
    const today = utcToday();
    const result = await read(today);
    if (utcToday() === today) return result;
  }
}
