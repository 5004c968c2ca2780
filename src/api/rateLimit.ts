/**
 * Per-user rate limiting: a token bucket per user id, refilled continuously.
 * Over the limit → 429 with Retry-After. Buckets live in this process, so
 * with N api replicas a user gets up to N times the limit; that bounds abuse
 * without a shared store on the request path.
 */
import type { Context, Next } from "koa";
import { HttpProblem } from "../http/problem.js";
import type { AuthState } from "./auth.js";

export interface RateLimitOptions {
  perMinute: number;
  burst: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: RateLimitOptions) {
    this.perMs = opts.perMinute / 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** 0 if the request may proceed, else milliseconds until it could. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.opts.burst, at: now };
    bucket.tokens = Math.min(this.opts.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.prune(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.perMs);
  }

  private prune(now: number) {
    const full = this.opts.burst / this.perMs;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > full) this.buckets.delete(key);
  }
}

function tooMany(waitMs: number, whose: string): HttpProblem {
  const seconds = String(Math.max(1, Math.ceil(waitMs / 1000)));
  return new HttpProblem(429, "rate_limited", "Too Many Requests", `too many requests ${whose}; retry in ${seconds} s`, undefined, { "Retry-After": seconds });
}

/**
 * The routes that need no token (sign-in, session config, action pages, the
 * calendar feed, MCP metadata): a budget per client address (ctx.ip, which
 * believes X-Forwarded-For only from TRUSTED_PROXIES), so guessing feed
 * tokens or action links, or hammering sign-in, is slow from any one place.
 */
export function rateLimitByIp(limiter: RateLimiter | null) {
  return async (ctx: Context, next: Next) => {
    const waitMs = limiter ? limiter.take(`ip:${ctx.ip}`) : 0;
    if (waitMs > 0) throw tooMany(waitMs, "from this address");
    await next();
  };
}

export function rateLimit(limiter: RateLimiter | null) {
  return async (ctx: Context, next: Next) => {
    if (limiter) {
      const waitMs = limiter.take((ctx.state as AuthState).userId);
      if (waitMs > 0) {
        const seconds = String(Math.max(1, Math.ceil(waitMs / 1000)));
        throw new HttpProblem(429, "rate_limited", "Too Many Requests", `too many requests; retry in ${seconds} s`, undefined, { "Retry-After": seconds });
      }
    }
    await next();
  };
}
