import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../cli-args.js';
import { resolveScaleConfig } from './config.js';

const PG = 'postgres://fw@db.example:5432/fokuswerk';
const REDIS = 'redis://cache.example:6379';

describe('scale-out configuration', () => {
  it('is off (SQLite) unless PostgreSQL is named', () => {
    expect(resolveScaleConfig({}, {})).toBeNull();
    expect(resolveScaleConfig({}, { FOKUSWERK_POSTGRES_URL: '  ' })).toBeNull();
  });

  it('takes flags first, then the environment', () => {
    const args = parseCliArgs(['--port', '0', '--data', 'd', '--postgres', PG, '--redis', REDIS]);
    expect(args.kind).toBe('run');
    const options = args.kind === 'run' ? args.options : {};
    expect(resolveScaleConfig(options, { FOKUSWERK_POSTGRES_URL: 'postgres://other/x' })).toEqual({ postgresUrl: PG, redisUrl: REDIS });
    expect(resolveScaleConfig({}, { FOKUSWERK_POSTGRES_URL: PG })).toEqual({ postgresUrl: PG });
    expect(resolveScaleConfig({}, { FOKUSWERK_POSTGRES_URL: PG, FOKUSWERK_REDIS_URL: REDIS })).toEqual({ postgresUrl: PG, redisUrl: REDIS });
  });

  it('refuses Redis without PostgreSQL and URLs of the wrong kind', () => {
    expect(resolveScaleConfig({ redisUrl: REDIS }, {})).toEqual({ error: expect.stringContaining('--redis needs --postgres') as unknown });
    expect(resolveScaleConfig({ postgresUrl: 'mysql://x' }, {})).toEqual({ error: expect.stringContaining('postgres://') as unknown });
    expect(resolveScaleConfig({ postgresUrl: PG, redisUrl: 'http://x' }, {})).toEqual({ error: expect.stringContaining('redis://') as unknown });
  });
});
