// A small RFC 4287 writer: the feeds need xml:lang per element, several links per entry (the sources)
// and tag URIs as ids, which the `feed` package does not offer (one link per entry, no xml:lang, ids
// and links run through new URL()).

export interface AtomText {
  text: string;
  lang?: string;
}

export interface AtomLink {
  href: string;
  rel?: 'alternate' | 'related' | 'self' | 'via';
  type?: string;
  title?: string;
  hreflang?: string;
}

export interface AtomEntry {
  id: string;
  title: AtomText;
  updated: string;
  published?: string;
  summary: AtomText;
  content?: AtomText;
  links: AtomLink[];
  categories: { term: string; label?: string; scheme?: string }[];
}

export interface AtomFeed {
  id: string;
  lang: string;
  title: string;
  subtitle: string;
  updated: string;
  author: { name: string; uri?: string };
  rights: string;
  links: AtomLink[];
  entries: AtomEntry[];
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Characters XML 1.0 does not allow at all are dropped rather than written.
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(value: string): string {
  return value.replace(notXml, '').replace(/[&<>"']/g, (c) => escapes[c] as string);
}

function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value as string)}"`)
    .join('');
}

function text(name: string, value: AtomText, indent: string, type?: string): string {
  return `${indent}<${name}${attributes({ type, 'xml:lang': value.lang })}>${escapeXml(value.text)}</${name}>`;
}

const link = (l: AtomLink, indent: string) =>
  `${indent}<link${attributes({ rel: l.rel ?? 'alternate', href: l.href, type: l.type, hreflang: l.hreflang, title: l.title })}/>`;

export function renderAtom(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${attributes({ 'xml:lang': feed.lang })}>`,
    `  <id>${escapeXml(feed.id)}</id>`,
    text('title', { text: feed.title }, '  '),
    text('subtitle', { text: feed.subtitle }, '  '),
    `  <updated>${feed.updated}</updated>`,
    `  <author><name>${escapeXml(feed.author.name)}</name>${feed.author.uri ? `<uri>${escapeXml(feed.author.uri)}</uri>` : ''}</author>`,
    text('rights', { text: feed.rights }, '  '),
    ...feed.links.map((l) => link(l, '  ')),
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(entry.id)}</id>`,
      text('title', entry.title, '    '),
      `    <updated>${entry.updated}</updated>`,
      ...(entry.published ? [`    <published>${entry.published}</published>`] : []),
      ...entry.links.map((l) => link(l, '    ')),
      ...entry.categories.map((c) => `    <category${attributes(c)}/>`),
      text('summary', entry.summary, '    ', 'text'),
      ...(entry.content ? [text('content', entry.content, '    ', 'html')] : []),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
