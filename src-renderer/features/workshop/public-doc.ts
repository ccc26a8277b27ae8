import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { readPublicWorkshop } from '../../../shared/docs/workshop/public-doc';
import type { PublicWorkshop } from '../../../shared/docs/workshop/public-view';
import { CAPABILITIES_PARAM, CAPABILITY_ACCESS, PROTOCOL_VERSION_PARAM, SYNC_PROTOCOL_VERSION, TOKEN_PARAM } from '../../../shared/sync/protocol';
import { useApp } from '../../state/app-context';
import { sendOwnAwarenessOnly } from '../../../shared/sync/awareness-echo';

/** Where the sync server's WebSocket is: the host's sync address, relative to this page if it is a path. */
function syncAddress(syncUrl: string): string {
  if (/^wss?:\/\//.test(syncUrl)) {
    return syncUrl;
  }
  const url = new URL(syncUrl, window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString().replace(/\/$/, '');
}

/** What a view knows of the session's public document. */
export interface LiveWorkshop {
  view: PublicWorkshop | null;
  connected: boolean;
  /** The server refused the document (token expired, session unknown). */
  refused: string | null;
}

/**
 * The session's public document `workshop/<id>`, read-only and live. It is opened with the session
 * token, not the account's, and kept only in memory: it holds nothing to edit offline, and the
 * server rewrites it with every change.
 */
export function useLiveWorkshop(docName: string | null, token: string | null): LiveWorkshop {
  const { info } = useApp();
  const [state, setState] = useState<LiveWorkshop>({ view: null, connected: false, refused: null });
  useEffect(() => {
    if (docName === null || token === null) {
      return;
    }
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(syncAddress(info.syncUrl), docName, doc, {
      params: {
        [PROTOCOL_VERSION_PARAM]: String(SYNC_PROTOCOL_VERSION),
        [CAPABILITIES_PARAM]: CAPABILITY_ACCESS,
        [TOKEN_PARAM]: token,
      },
      maxBackoffTime: 2000,
    });
    sendOwnAwarenessOnly(provider);
    const read = (): void => setState((previous) => ({ ...previous, view: readPublicWorkshop(doc) ?? previous.view }));
    doc.on('update', read);
    provider.on('status', ({ status }) => setState((previous) => ({ ...previous, connected: status === 'connected' })));
    provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      if (code >= 4000) {
        setState((previous) => ({ ...previous, refused: reason || String(code) }));
      }
    });
    return () => {
      doc.off('update', read);
      provider.destroy();
      doc.destroy();
      setState({ view: null, connected: false, refused: null });
    };
  }, [info.syncUrl, docName, token]);
  return state;
}
