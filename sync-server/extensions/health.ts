import type { SyncExtension } from '../extension.js';

/** `GET /healthz` answers 200 `{"status":"ok"}` while the server runs (for load balancers and monitoring). */
export function healthExtension(): SyncExtension {
  return {
    name: 'health',
    onRequest(req, res, path) {
      if (path !== '/healthz' || req.method !== 'GET') {
        return false;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return true;
    },
  };
}
