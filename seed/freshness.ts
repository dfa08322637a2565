import type { SeedData } from './read.js';
import { expectedBy } from './validate.js';

/** verifiedThrough older than this many days before the build date makes the seed warn. */
export const STALE_AFTER_DAYS = 120;

const DAY_MS = 86_400_000;

/**
 * What may be out of date, judged against the build date: warnings, never errors, so that a build never
 * fails because of the clock. The rules that do not depend on the clock are errors in validate.ts.
 */
export function freshnessWarnings(data: SeedData, buildDate: string): string[] {
  const warnings: string[] = [];
  const { verifiedThrough } = data['dataset.yaml'];
  for (const summit of data['summits.yaml']) {
    if (summit.status !== 'planned') continue;
    const by = expectedBy(summit);
    if (by < buildDate) {
      warnings.push(
        `summits.yaml ${summit.id}: planned, expected by ${by}, but the build date is ${buildDate}. Check whether it was held; if so record its dates, mode, chair handover and status decisions (and any application decided there), then move verifiedThrough (seed/README.md, "Recording a summit").`,
      );
    }
  }
  const age = Math.floor((Date.parse(buildDate) - Date.parse(verifiedThrough)) / DAY_MS);
  if (age > STALE_AFTER_DAYS) {
    warnings.push(
      `dataset.yaml verifiedThrough ${verifiedThrough} is ${age} days before the build date ${buildDate} (more than ${STALE_AFTER_DAYS}). Check for summits held, status decisions, chair handovers and applications since ${verifiedThrough}, record them, then move verifiedThrough to the newest day the facts were checked against (seed/README.md).`,
    );
  }
  return warnings;
}
