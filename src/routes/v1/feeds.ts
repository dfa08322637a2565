import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderAtom } from '../../feeds/atom.js';
import { changesFeed, eventsFeed, summitsCalendar } from '../../feeds/build.js';
import { renderCalendar } from '../../feeds/icalendar.js';
import { problemResponses } from '../../http/operations.js';
import { requestLanguage } from '../../http/respond.js';
import { langParam } from '../../schemas/query.js';

const atomType = 'application/atom+xml; charset=utf-8';
const calendarType = 'text/calendar; charset=utf-8';

const atomQuery = z.strictObject({
  lang: langParam.meta({
    description: 'Language of the entry titles (country names, statuses; event titles where translated); default en',
    example: 'fr',
  }),
});

const atomResponse = (what: string) => ({
  description: `${what}, newest first (Atom, RFC 4287)`,
  content: {
    'application/atom+xml': {
      schema: z.string().meta({
        description:
          'An Atom feed: per entry a stable tag URI id, the date, a title, an English summary, a link to the resource and its sources (rel="related" links and an HTML list)',
      }),
    },
  },
});

/** Feeds to subscribe to: the changes and the timeline as Atom, the summits as iCalendar. */
const routes: FastifyPluginAsyncZod<{ baseUrl: string }> = async (app, options) => {
  const { baseUrl } = options;

  app.get(
    '/feeds/changes.atom',
    {
      config: { representations: ['atom'] },
      schema: {
        operationId: 'getChangesFeed',
        tags: ['feeds'],
        summary: 'Status changes as an Atom feed',
        description:
          'Every status change (a country becoming a member, observer, dialogue partner or partner), newest first, with the country, the statuses, the summit that decided it and the sources. Subscribe in a feed reader.',
        querystring: atomQuery,
        response: { 200: atomResponse('Status changes'), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request, request.query.lang);
      const feed = changesFeed(request.server.repos, lang, baseUrl);
      return reply
        .type(atomType)
        .header('content-disposition', 'inline; filename="changes.atom"')
        .send(renderAtom(feed));
    },
  );

  app.get(
    '/feeds/events.atom',
    {
      config: { representations: ['atom'] },
      schema: {
        operationId: 'getEventsFeed',
        tags: ['feeds'],
        summary: 'The timeline as an Atom feed',
        description:
          'Every event of the timeline (status decisions, accessions, chair handovers, statements, proposals, summits), newest first, with its countries, quote and sources.',
        querystring: atomQuery,
        response: { 200: atomResponse('Timeline events'), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request, request.query.lang);
      const feed = eventsFeed(request.server.repos, lang, baseUrl);
      return reply
        .type(atomType)
        .header('content-disposition', 'inline; filename="events.atom"')
        .send(renderAtom(feed));
    },
  );

  app.get(
    '/feeds/summits.ics',
    {
      config: { representations: ['ics'] },
      schema: {
        operationId: 'getSummitsCalendar',
        tags: ['feeds'],
        summary: 'Summits as an iCalendar feed',
        description:
          'One all-day event per summit with dates (held, or planned and dated), with its location, decisions, chair handover, sources and a link to /v1/summits/{id}. A planned summit without dates is left out. Subscribe in a calendar.',
        querystring: z.strictObject({}),
        response: {
          200: {
            description: 'The summits (iCalendar, RFC 5545)',
            content: {
              'text/calendar': {
                schema: z.string().meta({
                  description: 'A VCALENDAR with one all-day VEVENT per dated summit; UID `{summit id}@sco-api`',
                }),
              },
            },
          },
          ...problemResponses(400),
        },
      },
    },
    async (request, reply) =>
      reply
        .type(calendarType)
        .header('content-disposition', 'inline; filename="summits.ics"')
        .send(renderCalendar(summitsCalendar(request.server.repos, baseUrl))),
  );
};

export default routes;
