import { describe, expect, it } from 'vitest';
import { useFixture } from './test-fixture.js';

const fixture = useFixture();

const gauge = (text: string, name: string): number => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);

describe('metrics extension', () => {
  it('serves live Prometheus figures to this machine', async () => {
    const { url, httpUrl } = await fixture.start();
    const before = await fetch(`${httpUrl}/metrics`);
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(gauge(await before.text(), 'fokuswerk_sync_connections')).toBe(0);

    const c = fixture.client(url, 'workspace');
    await c.synced;
    const scrape = async (): Promise<string> => (await fetch(`${httpUrl}/metrics`)).text();
    let text = await scrape();
    for (let tries = 0; tries < 50 && gauge(text, 'fokuswerk_sync_connections') !== 1; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      text = await scrape();
    }
    expect(gauge(text, 'fokuswerk_sync_connections')).toBe(1);
    expect(gauge(text, 'fokuswerk_sync_documents_loaded')).toBe(1);
  });

  it('refuses requests that came through a proxy unless they carry the metrics token', async () => {
    const { httpUrl } = await fixture.start({ metricsToken: 'geheim-und-lang' });
    const proxied = { 'x-forwarded-for': '203.0.113.9' };
    const refused = await fetch(`${httpUrl}/metrics`, { headers: proxied });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toContain('metrics only from this machine or with the metrics token');
    expect((await fetch(`${httpUrl}/metrics`, { headers: { ...proxied, authorization: 'Bearer falsch' } })).status).toBe(403);
    expect((await fetch(`${httpUrl}/metrics`, { headers: { ...proxied, authorization: 'Bearer geheim-und-lang' } })).status).toBe(200);
    expect((await fetch(`${httpUrl}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
