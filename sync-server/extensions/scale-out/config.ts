import type { CliOptions } from '../../cli-args.js';

/** Scale-out settings from the command line, falling back to the environment. */
export type ScaleConfig = { postgresUrl: string; redisUrl?: string } | { error: string } | null;

/**
 * `--postgres`/`FOKUSWERK_POSTGRES_URL` and `--redis`/`FOKUSWERK_REDIS_URL`; flags win. Null when
 * neither is set (SQLite, the default); an error for Redis without PostgreSQL (instances with
 * their own SQLite files cannot share documents) or a URL of the wrong kind.
 */
export function resolveScaleConfig(
  options: Pick<CliOptions, 'postgresUrl' | 'redisUrl'>,
  env: Record<string, string | undefined>,
): ScaleConfig {
  const postgresUrl = options.postgresUrl ?? nonEmpty(env.FOKUSWERK_POSTGRES_URL);
  const redisUrl = options.redisUrl ?? nonEmpty(env.FOKUSWERK_REDIS_URL);
  if (postgresUrl === undefined) {
    return redisUrl === undefined
      ? null
      : { error: '--redis braucht --postgres: Instanzen mit eigener SQLite-Datei können keine Dokumente teilen / --redis needs --postgres' };
  }
  if (!/^postgres(ql)?:\/\//.test(postgresUrl)) {
    return { error: `--postgres erwartet postgres://… / --postgres expects postgres://…` };
  }
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    return { error: `--redis erwartet redis://… / --redis expects redis://…` };
  }
  return redisUrl === undefined ? { postgresUrl } : { postgresUrl, redisUrl };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
