import type { DocStore } from '../../persistence.js';
import type { SyncExtension } from '../../extension.js';
import type { Room } from '../../room.js';

/** Watches documents being loaded and unloaded. */
export interface RoomObserver {
  loaded(room: Room): void;
  unloaded(room: Room): void;
}

/** Parts of a scaled-out deployment (see scale-out.ts): the shared store and the bus between instances. */
export interface ScaleOutParts {
  /** The shared store (PostgreSQL), publishing its commits when a bus is configured. */
  docStore?: DocStore;
  /** Subscribes loaded documents to the bus between instances (Redis). */
  roomObserver?: RoomObserver;
  /** Closes the bus; called after the server closed (the server closes the store). */
  close?: () => Promise<void>;
}

/** Scale-out: documents in a shared store, loaded documents shared between instances through a bus. */
export function scaleOutExtension(parts: ScaleOutParts): SyncExtension {
  const observer = parts.roomObserver;
  const close = parts.close;
  return {
    name: 'scale-out',
    ...(parts.docStore === undefined ? {} : { docStore: parts.docStore }),
    ...(observer === undefined
      ? {}
      : { onRoomLoaded: (room: Room) => observer.loaded(room), onRoomUnloaded: (room: Room) => observer.unloaded(room) }),
    ...(close === undefined ? {} : { onClose: close }),
  };
}
