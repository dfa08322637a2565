import { describe, expect, it } from 'vitest';
import { countSteps, countsOn, dateOfDay, dayNumber } from '../../web/src/model.js';
import { getJson, useApp } from '../helpers.js';

// The explorer's timeline counts come from /v1/changes, computed in the browser: they must agree
// with /v1/snapshots, which the API computes from the status periods.
const ctx = useApp();

describe('the timeline counts of the SCO Explorer', () => {
  it('equal the snapshot on every day a status changed, and on the day before', async () => {
    const changes = await getJson(ctx.app, '/v1/changes?limit=500');
    expect(changes.body.meta.total).toBe(48);
    const steps = countSteps(changes.body.data);
    expect(steps.map((s) => s.date)).toContain('2025-09-01');
    const days = steps.flatMap((s) => [s.date, dateOfDay(dayNumber(s.date) - 1)]);
    for (const day of days) {
      const snapshot = await getJson(ctx.app, `/v1/snapshots/${day}`);
      expect(countsOn(steps, day), day).toEqual(snapshot.body.data.counts);
    }
  });

  it('move each country from its previous status to the new one, in date order', () => {
    const steps = countSteps([
      { date: '2025-09-01', previousStatus: 'observer', status: 'partner' },
      { date: '2001-06-15', previousStatus: null, status: 'member' },
      { date: '2004-06-17', previousStatus: null, status: 'observer' },
    ]);
    expect(countsOn(steps, '2001-06-14')).toEqual({ member: 0, observer: 0, dialogue_partner: 0, partner: 0 });
    expect(countsOn(steps, '2010-01-01')).toEqual({ member: 1, observer: 1, dialogue_partner: 0, partner: 0 });
    expect(countsOn(steps, '2025-09-01')).toEqual({ member: 1, observer: 0, dialogue_partner: 0, partner: 1 });
  });
});
