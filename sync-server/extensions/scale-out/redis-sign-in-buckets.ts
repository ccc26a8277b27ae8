import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../../shared/log.js';
import { localBuckets, type AttemptBucketsFactory } from '../../auth/sign-in-limits.js';
import { redact } from './pg-store.js';

/**
 * One token bucket in a Redis hash, taken atomically: refill by the time passed (Redis's own
 * clock, the same for every instance), then take one token if there is one. The key expires once
 * it would be full again, so idle keys cost nothing.
 */
const TAKE = `
local burst = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / refill)
local ok = 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst * refill) + 1)
return ok`;

const REFUND = `
local burst = tonumber(ARGV[1])
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens'))
if tokens ~= nil then
  redis.call('HSET', KEYS[1], 'tokens', tostring(math.min(burst, tokens + 1)))
end
return 0`;

const CONNECT_TIMEOUT_MS = 10_000;
/** Longest a sign-in waits for Redis before it is counted in this process only. */
const TAKE_TIMEOUT_MS = 2_000;

/** Sign-in buckets shared by every instance through Redis, and how to close the connection. */
export interface RedisSignInBuckets {
  buckets: AttemptBucketsFactory;
  close(): Promise<void>;
}

/**
 * Connects to Redis for the sign-in limits of a cluster (see auth/sign-in-limits.ts): the per
 * login+address and per address attempts count across all instances. Keys hold a hash of the
 * login and address, never the login itself. If Redis does not answer, an attempt is counted in
 * this process's memory instead (logged): sign-in keeps working, limited per instance as before.
 */
export async function connectRedisSignInBuckets(url: string, logger: Logger): Promise<RedisSignInBuckets> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 5_000, maxRetriesPerRequest: 1, connectionName: 'fokuswerk-sign-in' });
  redis.on('error', (error: Error) => logger.warn('redis connection error', { connection: 'sign-in', error: error.message }));
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`keine Verbindung nach ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS).unref()),
    ]);
  } catch (error: unknown) {
    redis.disconnect();
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Redis nicht erreichbar / Redis unreachable (${redact(url)}): ${detail}`, { cause: error });
  }
  const fallback = localBuckets();
  const buckets: AttemptBucketsFactory = (name, burst, refillSeconds) => {
    const local = fallback(name, burst, refillSeconds);
    const keyOf = (key: string): string => `fokuswerk:sign-in:${name}:${createHash('sha256').update(key).digest('base64url')}`;
    const args = [String(burst), String(refillSeconds)];
    return {
      async take(key) {
        try {
          const answer = await Promise.race([
            redis.eval(TAKE, 1, keyOf(key), ...args),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), TAKE_TIMEOUT_MS).unref()),
          ]);
          return answer === 1;
        } catch (error: unknown) {
          logger.warn('shared sign-in limit unavailable: counting in this instance', { error: error instanceof Error ? error.message : String(error) });
          return local.take(key);
        }
      },
      refund(key) {
        redis.eval(REFUND, 1, keyOf(key), ...args).catch(() => local.refund(key));
      },
      reset(key) {
        redis.del(keyOf(key)).catch(() => local.reset(key));
      },
    };
  };
  return {
    buckets,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
