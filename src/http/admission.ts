import { LRUCache } from 'lru-cache';

/**
 * Admission on the second request ("cache on second hit"), judged against the cache's own size: a
 * cache asks `admit(key, size)` before it keeps an answer of `size` bytes, and only a key asked
 * again before `capacity` bytes of other answers were asked since gets in; asked again later, an
 * LRU cache of that capacity would have evicted it before this request anyway. A flood of one-off
 * URLs (a crawler, a date slider, a CDN's misses) then leaves the cache as it was, and answers
 * asked too rarely to be found again are not copied in, promoted and evicted: each of those is
 * work, and memory that waits for a full garbage collection (measured in `npm run soak`, RSS at
 * the end, and in `npm run bench`'s unique dates). What it remembers is only keys, bounded by the
 * bytes they stand for and by count.
 */
export class Admission {
  private readonly seen: LRUCache<string, true>;

  constructor(capacity: number, maxKeys = 10_000) {
    this.seen = new LRUCache({ max: maxKeys, maxSize: capacity });
  }

  /** True when `key` was asked within the window (and forgets it); otherwise remembers it and returns false. */
  admit(key: string, size: number): boolean {
    if (this.seen.delete(key)) return true;
    this.seen.set(key, true, { size: Math.max(1, Math.ceil(size)) });
    return false;
  }

  clear() {
    this.seen.clear();
  }
}
