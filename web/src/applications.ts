import type { CountryDetail } from '@sco-api/client';
import type { Citations } from './citations.js';
import { h } from './dom.js';
import { fill, formatDate, type Messages, type Precision } from './i18n/index.js';
import type { Language, Status } from './model.js';

// A country's applications for a status (/work/shared/API.md, "Application"): listed by
// GET /v1/countries/{code} once the API serves them. Until then the field is absent and the page shows
// nothing of them; a malformed list is left out rather than breaking the country's view.

export type Outcome = 'pending' | 'granted' | 'superseded' | 'withdrawn' | 'unknown';
export type MilestoneKind = 'filed' | 'procedure_started' | 'obligations_signed' | 'granted' | 'rejected' | 'withdrawn';

export interface Milestone {
  date: string;
  precision: Precision;
  kind: MilestoneKind;
  summit: string | null;
  sources: string[];
}

export interface Application {
  id: string;
  country: string;
  requested: Status;
  filedOn: string;
  filedPrecision: Precision;
  outcome: Outcome;
  resolvedOn: string | null;
  resolvedBy: string | null;
  grantedPeriod: string | null;
  milestones: Milestone[];
  confidence: 'confirmed' | 'single_source' | 'unconfirmed';
  sources: string[];
  note: string | null;
}

const isApplication = (value: unknown): value is Application => {
  const a = value as Partial<Application> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.id === 'string' &&
    typeof a.requested === 'string' &&
    typeof a.filedOn === 'string' &&
    typeof a.outcome === 'string' &&
    Array.isArray(a.sources)
  );
};

/** The country's applications, oldest first, or null when the API does not list them. */
export function applicationsOf(country: CountryDetail): Application[] | null {
  const list = (country as CountryDetail & { applications?: unknown }).applications;
  if (!Array.isArray(list) || !list.every(isApplication)) return null;
  return [...list].sort((a, b) => (a.filedOn < b.filedOn ? -1 : a.filedOn > b.filedOn ? 1 : 0));
}

/** Every source an application cites, its steps' included. */
export const applicationSources = (applications: readonly Application[]): string[] =>
  applications.flatMap((a) => [...a.sources, ...(a.milestones ?? []).flatMap((m) => m.sources)]);

export interface ApplicationsContext {
  lang: Language;
  t: Messages;
  citations: Citations;
  /** A link to a summit's view. */
  summitLink(id: string): HTMLElement;
}

/** The section "Applications": a table of what was asked, when, and what became of it, with the sources. */
export function applicationsSection(applications: readonly Application[], context: ApplicationsContext): HTMLElement {
  const { lang, t, citations } = context;
  const section = h(
    'section',
    { class: 'applications', 'aria-labelledby': 'applications-heading', 'data-testid': 'applications' },
    h('h3', { id: 'applications-heading' }, t.applications.heading),
  );
  if (applications.length === 0) {
    section.append(h('p', {}, t.applications.none));
    return section;
  }
  const rows = applications.map((application) => {
    const outcome = t.applications.outcomes[application.outcome] ?? application.outcome;
    const resolved = application.resolvedOn
      ? fill(t.applications.resolved, { outcome, date: formatDate(application.resolvedOn, lang) })
      : outcome;
    const steps = (application.milestones ?? []).map((step) =>
      h(
        'li',
        {},
        h('time', { datetime: step.date }, formatDate(step.date, lang, step.precision)),
        t.page.colon,
        t.applications.milestones[step.kind] ?? step.kind,
        step.summit ? ' (' : '',
        step.summit ? context.summitLink(step.summit) : '',
        step.summit ? ')' : '',
        step.sources.length > 0 ? ' ' : '',
        step.sources.length > 0 ? citations.refs(step.sources) : '',
      ),
    );
    return h(
      'tr',
      { 'data-application': application.id, 'data-outcome': application.outcome },
      h('td', {}, t.status[application.requested] ?? application.requested),
      h(
        'td',
        {},
        h('time', { datetime: application.filedOn }, formatDate(application.filedOn, lang, application.filedPrecision)),
      ),
      h(
        'td',
        {},
        resolved,
        application.resolvedBy ? ' (' : '',
        application.resolvedBy ? context.summitLink(application.resolvedBy) : '',
        application.resolvedBy ? ')' : '',
      ),
      h('td', {}, steps.length > 0 ? h('ol', { class: 'steps' }, ...steps) : '—'),
      h('td', {}, citations.refs(application.sources)),
    );
  });
  section.append(
    h(
      'table',
      { class: 'history applications' },
      h('caption', {}, t.applications.caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            t.applications.requested,
            t.applications.filed,
            t.applications.outcome,
            t.applications.steps,
            t.country.sources,
          ].map((label) => h('th', { scope: 'col' }, label)),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
    ...applications
      .filter((a) => a.note)
      .map((a) =>
        h(
          'p',
          { class: 'note', lang: 'en' },
          h('strong', { lang }, `${t.status[a.requested]}${t.page.colon}`),
          a.note ?? '',
        ),
      ),
  );
  return section;
}
