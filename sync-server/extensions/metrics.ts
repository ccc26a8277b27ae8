import type { SyncExtension } from '../extension.js';
import type { Metrics } from '../metrics.js';
import { mayReadMetrics } from '../metrics-access.js';

const FORBIDDEN = JSON.stringify({
  error: 'Kennzahlen nur von diesem Rechner oder mit Token / metrics only from this machine or with the metrics token',
});

/** `GET /metrics` in the Prometheus text format, for this machine or with the metrics token (see metrics-access.ts). */
export function metricsExtension(metrics: Metrics, metricsToken: string | undefined): SyncExtension {
  return {
    name: 'metrics',
    onRequest(req, res, path) {
      if (path !== '/metrics' || req.method !== 'GET') {
        return false;
      }
      if (!mayReadMetrics(req, metricsToken)) {
        res.writeHead(403, { 'content-type': 'application/json' }).end(FORBIDDEN);
        return true;
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(metrics.render());
      return true;
    },
  };
}
