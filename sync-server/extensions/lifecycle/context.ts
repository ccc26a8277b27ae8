import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { Principal } from '../../../shared/access/index.js';
import type { ProposalRef } from '../../../shared/docs/lifecycle/api.js';
import type { ExtensionHost } from '../../extension.js';
import type { Room } from '../../room.js';

/** Who asks: the principal for the access rules and the name recorded with the change. */
export interface Actor {
  principal: Principal;
  login: string;
  name: string;
}

/** A route of the lifecycle API: answers with a JSON value or throws a LifecycleHttpError. */
export type Route = (req: IncomingMessage, actor: Actor) => unknown;

/** What the lifecycle routes share. */
export interface LifecycleContext {
  host(): ExtensionHost;
  /** Current time, ISO 8601. */
  now(): string;
  /** Known accounts (for @mentions); empty without accounts. */
  accounts(): { login: string; name: string }[];
  /** Runs `fn` with the proposal's loaded room; 404 if its group's index does not list it. */
  withProposal<T>(ref: ProposalRef, fn: (room: Room) => T | Promise<T>): Promise<T>;
  /** Runs `fn` with a loaded document (loaded for the call if no client has it open). */
  withRoom<T>(name: string, fn: (room: Room) => T): T;
  /** The current state of a document without loading it as a room (loaded rooms are read live). */
  readDoc(name: string): Y.Doc;
  requireRead(actor: Actor, groupId: string): void;
  requireWrite(actor: Actor, groupId: string): void;
}
