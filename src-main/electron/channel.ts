import type { HostEnvelope } from '../../shared/host-envelope';

/** Prefix of every IPC channel Fokuswerk registers: "fokuswerk:<namespace>.<method>". */
export const IPC_PREFIX = 'fokuswerk:';

/** Shape of a contract channel name; the preload refuses anything else before it reaches IPC. */
export const CHANNEL_PATTERN = /^[a-z]+\.[a-zA-Z]+$/;

/** What every IPC handler resolves to: errors travel as data, never as rejected invokes. */
export type IpcEnvelope = HostEnvelope;
