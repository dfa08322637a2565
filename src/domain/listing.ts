import type { SortKey } from '../schemas/query.js';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Sorts by the requested keys (nulls last, ascending or descending, then the given tie-breakers) and cuts one page. */
export function paginate<T extends object>(
  items: T[],
  options: { sort: SortKey[]; limit: number; offset: number; tieBreakers?: string[] },
): Page<T> {
  const keys = [...options.sort, ...(options.tieBreakers ?? []).map((key) => ({ key, descending: false }))];
  const sorted = [...items].sort((a, b) => {
    for (const { key, descending } of keys) {
      const left = (a as Record<string, unknown>)[key];
      const right = (b as Record<string, unknown>)[key];
      // Nulls last in either direction: an unknown value never heads a list.
      const leftMissing = left === null || left === undefined;
      if (leftMissing !== (right === null || right === undefined)) return leftMissing ? 1 : -1;
      const order = compareValues(left, right);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
  return {
    items: sorted.slice(options.offset, options.offset + options.limit),
    total: items.length,
    limit: options.limit,
    offset: options.offset,
  };
}

// Made on the first sort, not at start-up: creating an ICU collator is one of the costlier steps of a start.
let collator: Intl.Collator | undefined;

// ISO dates (same width, digits in the same places) and upper-case codes: for two values of one of
// these forms the collator's order (numeric, base letters) is the order of their code units, which
// is about 20 times cheaper to compute. Everything else (names, ids) goes to the collator.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Z]{1,8}$/;
const plain = (a: string, b: string) => (ISO_DATE.test(a) && ISO_DATE.test(b)) || (CODE.test(a) && CODE.test(b));

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string' && plain(a, b)) return a < b ? -1 : 1;
  collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return collator.compare(String(a), String(b));
}

// Items the domain makes once and hands out again on every request (frozen, so no caller can
// change what the next request gets), each with a number: a list made of shared items is known by
// its items' numbers, so that its sorted page and serialised form can be kept (http/respond.ts).
const sharedIds = new WeakMap<object, number>();
let nextSharedId = 0;

/** Freezes an item made once and numbers it (see listKey). */
export function shared<T extends object>(item: T): T {
  if (!sharedIds.has(item)) sharedIds.set(Object.freeze(item), nextSharedId++);
  return item;
}

/** The numbers of a list's items, when every item is shared; null otherwise. */
export function listKey(items: object[]): string | null {
  let key = '';
  for (const item of items) {
    const id = sharedIds.get(item);
    if (id === undefined) return null;
    key += `${id},`;
  }
  return key;
}

/** Keeps the requested top-level properties of each item, in the order the item has them. */
export function pickFields<T extends object>(items: T[], fields: string[] | undefined): Partial<T>[] {
  if (!fields) return items;
  return items.map(
    (item) => Object.fromEntries(Object.entries(item).filter(([key]) => fields.includes(key))) as Partial<T>,
  );
}

export interface PageLinks {
  self: string;
  first: string;
  last: string;
  next?: string;
  prev?: string;
}

/** Links relative to the API root, keeping every other parameter of the request, sorted by name. */
export function pageLinks(path: string, query: URLSearchParams, page: Omit<Page<unknown>, 'items'>): PageLinks {
  const sorted = [...query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const at = (offset: number) => {
    const params = new URLSearchParams(sorted);
    if (offset === 0) params.delete('offset');
    else params.set('offset', String(offset));
    const search = params.toString();
    return search ? `${path}?${search}` : path;
  };
  const lastOffset = page.total === 0 ? 0 : Math.floor((page.total - 1) / page.limit) * page.limit;
  const links: PageLinks = { self: at(page.offset), first: at(0), last: at(lastOffset) };
  if (page.offset + page.limit < page.total) links.next = at(page.offset + page.limit);
  if (page.offset > 0) links.prev = at(Math.max(0, page.offset - page.limit));
  return links;
}
