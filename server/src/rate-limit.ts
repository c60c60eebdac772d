/**
 * Per-user rate limiting: a fixed window per (project, user). One noisy user gets 429s with
 * `Retry-After`; the others are not slowed. The counters live in this process: behind N instances
 * a user gets up to N times the limit, which still bounds a runaway client.
 */
export interface RateLimitOptions {
  /** Requests allowed per user per window. */
  max: number;
  windowMs: number;
}

/** A limit of `max` per minute, or `undefined` when none is set. */
export const perMinute = (max: number | undefined): RateLimitOptions | undefined => (max === undefined ? undefined : { max, windowMs: 60_000 });

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 1200, windowMs: 60_000 };

/** Failed authentications allowed per client address: plenty for a user whose token expired. */
export const DEFAULT_AUTH_FAILURE_LIMIT: RateLimitOptions = { max: 120, windowMs: 60_000 };

export interface RateLimitVerdict {
  allowed: boolean;
  /** Whole seconds until the window resets (for `Retry-After`). */
  retryAfterSeconds: number;
}

export function createRateLimiter({ max, windowMs }: RateLimitOptions, clock: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = clock();

  return (key: string): RateLimitVerdict => {
    const now = clock();
    if (now - lastSweep > windowMs) {
      // Forget finished windows so the map holds only users active in the last window.
      for (const [id, window] of windows) if (now - window.start >= windowMs) windows.delete(id);
      lastSweep = now;
    }
    let window = windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    return { allowed: window.count <= max, retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)) };
  };
}
