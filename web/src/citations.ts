import type { Source } from '@sco-api/client';
import { h } from './dom.js';
import { fill, fillParts, formatDate, languageName, type Messages } from './i18n/index.js';
import type { Language } from './model.js';

/**
 * The sources of one view as numbered notes: each fact gets links to its notes ("1, 3"), and the
 * list of notes, in order of first citation, links to each source's page.
 */
export class Citations {
  private readonly numbers = new Map<string, number>();

  constructor(
    /** Makes the notes' ids unique on the page: two views with notes can be open at once. */
    private readonly prefix: string,
    private readonly lang: Language,
    private readonly t: Messages,
    private readonly sources: ReadonlyMap<string, Source>,
  ) {}

  private idOf(number: number) {
    return `${this.prefix}-source-${number}`;
  }

  private numberOf(id: string): number {
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = this.numbers.size + 1;
      this.numbers.set(id, number);
    }
    return number;
  }

  /** Links to the notes of these sources, or a dash when there are none. */
  refs(ids: readonly string[]): HTMLElement | string {
    if (ids.length === 0) return '—';
    const links = [...new Set(ids)].flatMap((id, index) => {
      const number = this.numberOf(id);
      const target = this.idOf(number);
      const label = fill(this.t.country.sourceRef, { number });
      const link = h('a', { href: `#${target}`, class: 'ref', 'aria-label': label, title: label }, String(number));
      // Into the list of notes, with the focus, so that a keyboard user lands on the source.
      link.addEventListener('click', (event) => {
        const note = document.getElementById(target);
        if (!note) return;
        event.preventDefault();
        note.focus();
      });
      return index === 0 ? [link] : [', ', link];
    });
    return h('span', { class: 'refs' }, ...links);
  }

  /** The heading and the numbered list of every source cited so far. */
  list(): HTMLElement[] {
    const cited = [...this.numbers.keys()];
    if (cited.length === 0) return [h('h4', {}, this.t.country.sources), h('p', {}, this.t.country.noSources)];
    return [
      h('h4', {}, fill(this.t.country.sourcesHeading, { count: cited.length })),
      h('ol', { class: 'sources' }, ...cited.map((id) => this.note(id, this.sources.get(id), this.numberOf(id)))),
    ];
  }

  private note(id: string, source: Source | undefined, number: number): HTMLLIElement {
    const item = h('li', { id: this.idOf(number), tabindex: -1, 'data-source': id });
    if (!source) {
      item.append(id);
      return item;
    }
    const title = source.url
      ? h('a', { href: source.url, rel: 'noopener noreferrer', lang: source.language }, source.title)
      : h('cite', { lang: source.language }, source.title);
    item.append(
      ...fillParts<Node>(this.t.country.source, { title, publisher: source.publisher }),
      source.publishedOn ? `, ${formatDate(source.publishedOn, this.lang)}` : '',
      ` (${fill(this.t.country.sourceLanguage, { language: languageName(source.language, this.lang) })})`,
    );
    return item;
  }
}
