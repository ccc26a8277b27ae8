import type { WebsocketProvider } from 'y-websocket';

/**
 * Makes a y-websocket provider send only the awareness changes of this device. The stock provider
 * sends every awareness change back to the server, also the ones it has just received from it: in
 * a room of 40 that is 39 useless frames for every cursor move, which the server must read and
 * drop. Remote changes are applied with the provider as origin; those stay here.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const send = provider._awarenessUpdateHandler;
  const ownOnly: typeof send = (changes, origin) => {
    if (origin !== provider) {
      send(changes, origin);
    }
  };
  provider.awareness.off('update', send);
  provider.awareness.on('update', ownOnly);
  // destroy() removes the listener by this property.
  provider._awarenessUpdateHandler = ownOnly;
}
