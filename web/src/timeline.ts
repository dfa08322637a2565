import type { Summit } from '@sco-api/client';
import { h, svg } from './dom.js';
import { fill, formatDate, formatNumber, type Messages } from './i18n/index.js';
import {
  type CountStep,
  clampDate,
  dateOfDay,
  dayNumber,
  type Language,
  type Status,
  statusColours,
  statuses,
} from './model.js';

// The counts per status from the founding to today, stacked (members at the bottom), with the summits.

const WIDTH = 960;
const HEIGHT = 270;
const MARGIN = { top: 38, right: 14, bottom: 26, left: 34 };

export interface Timeline {
  setDate(date: string): void;
  setSelectedSummit(id: string | null): void;
}

export interface TimelineOptions {
  steps: readonly CountStep[];
  summits: readonly Summit[];
  start: string;
  end: string;
  lang: Language;
  t: Messages;
  onDate(date: string): void;
  onSummit(id: string): void;
}

export function createTimeline(element: SVGSVGElement, options: TimelineOptions): Timeline {
  const { steps, start, end, lang, t } = options;
  const first = dayNumber(start);
  const last = dayNumber(end);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (date: string) => MARGIN.left + ((dayNumber(date) - first) / (last - first)) * plotWidth;
  const highest = Math.max(1, ...steps.map((s) => statuses.reduce((sum, status) => sum + s.counts[status], 0)));
  const top = Math.ceil(highest / 5) * 5;
  const y = (count: number) => MARGIN.top + plotHeight - (count / top) * plotHeight;

  element.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  element.replaceChildren(
    svg(
      'title',
      { id: 'timeline-title' },
      fill(t.timeline.title, { start: formatDate(start, lang), end: formatDate(end, lang) }),
    ),
  );
  element.setAttribute('aria-labelledby', 'timeline-title');

  const axes = svg('g', { class: 'axes', 'aria-hidden': 'true' });
  for (let count = 0; count <= top; count += 5) {
    axes.append(
      svg('line', { class: 'grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(count), y2: y(count) }),
      svg(
        'text',
        { class: 'tick', x: MARGIN.left - 6, y: y(count) + 4, 'text-anchor': 'end' },
        formatNumber(count, lang),
      ),
    );
  }
  for (let year = Number(start.slice(0, 4)) + 1; year <= Number(end.slice(0, 4)); year++) {
    const at = x(`${year}-01-01`);
    const labelled = year % 5 === 0;
    axes.append(svg('line', { class: 'year', x1: at, x2: at, y1: y(0), y2: y(0) + (labelled ? 6 : 3) }));
    if (labelled) axes.append(svg('text', { class: 'tick', x: at, y: y(0) + 18, 'text-anchor': 'middle' }, year));
  }

  // Stacked areas as steps: each status's band lies on the bands of the statuses before it.
  const areas = svg('g', { class: 'areas' });
  const points = [...steps.filter((s) => s.date <= end), { date: end, counts: steps.at(-1)?.counts }];
  statuses.forEach((status, index) => {
    const below = (counts: Record<Status, number> | undefined) =>
      counts ? statuses.slice(0, index).reduce((sum, s) => sum + counts[s], 0) : 0;
    const above = (counts: Record<Status, number> | undefined) => below(counts) + (counts?.[status] ?? 0);
    let upper = '';
    let lower = '';
    for (let i = 0; i < points.length - 1; i++) {
      const from = x(points[i]?.date ?? start).toFixed(1);
      const to = x(points[i + 1]?.date ?? end).toFixed(1);
      const counts = points[i]?.counts;
      upper += `${i === 0 ? 'M' : 'L'}${from},${y(above(counts)).toFixed(1)}H${to}`;
      lower = `L${to},${y(below(counts)).toFixed(1)}H${from}${lower}`;
    }
    if (upper)
      areas.append(svg('path', { d: `${upper}${lower}Z`, fill: statusColours[status], 'data-status': status }));
  });

  // Where the page is: a line at the chosen date.
  const cursor = svg('g', { class: 'cursor', 'aria-hidden': 'true' });
  const cursorLine = svg('line', { y1: MARGIN.top - 4, y2: y(0) });
  cursor.append(cursorLine);

  // The summits, one tab stop: arrows move between them, Enter or Space opens one.
  const summitGroup = svg('g', { class: 'summits', role: 'toolbar', 'aria-label': t.timeline.summits });
  const held = options.summits.filter((s) => s.series === 'sco' && s.endDate && s.endDate <= end);
  const markers: SVGGElement[] = [];
  held.forEach((summit, index) => {
    const at = x(summit.endDate as string);
    const label = fill(t.timeline.summit, {
      city: summit.city ?? summit.host,
      date: formatDate(summit.endDate as string, lang),
    });
    const marker = svg(
      'g',
      {
        class: 'summit',
        role: 'button',
        tabindex: index === held.length - 1 ? 0 : -1,
        'data-summit': summit.id,
        'aria-label': label,
      },
      svg('line', { x1: at, x2: at, y1: MARGIN.top - 8, y2: y(0) }),
      svg('circle', { cx: at, cy: MARGIN.top - 16, r: 6 }),
      svg('title', {}, label),
    );
    marker.addEventListener('click', (event) => {
      event.stopPropagation();
      focusSummit(index);
      options.onSummit(summit.id);
    });
    markers.push(marker);
    summitGroup.append(marker);
  });
  const focusSummit = (index: number) => {
    markers.forEach((m, i) => {
      m.setAttribute('tabindex', i === index ? '0' : '-1');
    });
    markers[index]?.focus();
  };
  summitGroup.addEventListener('keydown', (event) => {
    const current = markers.indexOf(event.target as SVGGElement);
    if (current < 0) return;
    const moves: Record<string, number> = {
      ArrowLeft: current - 1,
      ArrowRight: current + 1,
      Home: 0,
      End: markers.length - 1,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      focusSummit(Math.max(0, Math.min(markers.length - 1, next)));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const id = held[current]?.id;
      if (id) options.onSummit(id);
    }
  });

  // A click in the plot picks that day (the slider and the date field do the same from the keyboard).
  const hit = svg('rect', {
    class: 'hit',
    x: MARGIN.left,
    y: MARGIN.top,
    width: plotWidth,
    height: plotHeight,
    fill: 'transparent',
  });
  hit.addEventListener('click', (event) => {
    const box = element.getBoundingClientRect();
    const userX = ((event.clientX - box.left) / box.width) * WIDTH;
    const day = first + Math.round(((userX - MARGIN.left) / plotWidth) * (last - first));
    options.onDate(dateOfDay(Math.max(first, Math.min(last, day))));
  });

  element.append(axes, areas, hit, cursor, summitGroup);

  return {
    setDate(date) {
      const at = x(clampDate(date, start, end)).toFixed(1);
      cursorLine.setAttribute('x1', at);
      cursorLine.setAttribute('x2', at);
    },
    setSelectedSummit(id) {
      for (const marker of markers) marker.classList.toggle('selected', marker.dataset.summit === id);
    },
  };
}

/** The timeline's text alternative: the counts of each status from each day on which one changed. */
export function timelineTable(steps: readonly CountStep[], lang: Language, t: Messages): HTMLTableElement {
  const header = [t.timeline.from, ...statuses.map((status) => t.statusPlural[status])];
  return h(
    'table',
    { class: 'history', 'data-testid': 'timeline-table' },
    h('caption', {}, t.timeline.tableCaption),
    h('thead', {}, h('tr', {}, ...header.map((label) => h('th', { scope: 'col' }, label)))),
    h(
      'tbody',
      {},
      ...steps.map((step) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('time', { datetime: step.date }, formatDate(step.date, lang))),
          ...statuses.map((status) => h('td', {}, formatNumber(step.counts[status], lang))),
        ),
      ),
    ),
  );
}
