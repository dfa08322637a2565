import { LRUCache } from 'lru-cache';

/**
 * Admission on the second request ("cache on second hit"): a cache asks `admit(key)` before it
 * keeps an answer, and only a key asked before, among the last `remembered` distinct keys, gets
 * in. A flood of one-off URLs (a crawler, a date slider, a CDN's misses) then leaves the cache as it
 * was: kept answers are not evicted by answers nobody asks again, whose buffers would wait for a
 * full garbage collection to be freed (measured in `npm run soak`: RSS after a flood of unique URLs).
 * What it remembers is only keys, bounded by count.
 */
export class Admission {
  private readonly seen: LRUCache<string, true>;

  constructor(remembered: number) {
    this.seen = new LRUCache({ max: remembered });
  }

  /** True when `key` was asked before (and forgets it); otherwise remembers it and returns false. */
  admit(key: string): boolean {
    if (this.seen.delete(key)) return true;
    this.seen.set(key, true);
    return false;
  }

  clear() {
    this.seen.clear();
  }
}
