import { SYNC_PROTOCOL_VERSION } from '../shared/sync/protocol.js';

/** WebSocket close reasons may hold at most 123 bytes of UTF-8 (RFC 6455 §5.5). */
const MAX_REASON_BYTES = 123;

/** Shortens `reason` to fit a close frame without cutting a character in half. */
export function fitCloseReason(reason: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(reason).length <= MAX_REASON_BYTES) {
    return reason;
  }
  let fitted = '';
  for (const char of reason) {
    if (encoder.encode(`${fitted}${char}…`).length > MAX_REASON_BYTES) {
      break;
    }
    fitted += char;
  }
  return `${fitted}…`;
}

/** Human-readable close reasons, German first, English second. */
export const closeReasons = {
  protocolMismatch: (clientVersion: string) =>
    `Protokollversion ${clientVersion} wird nicht unterstützt (Server: ${SYNC_PROTOCOL_VERSION}) / protocol version ${clientVersion} not supported`,
  unknownDocument: (name: string) => `Unbekanntes Dokument „${name}“ / unknown document`,
  unauthorized: 'Nicht angemeldet / not authenticated',
  forbidden: 'Kein Zugriff auf dieses Dokument / access denied',
  invalidToken: 'Ungültiges Zugangs-Token / invalid access token',
  tokenExpired: 'Zugangs-Token abgelaufen, bitte neu anmelden / access token expired',
  accountDisabled: 'Konto gesperrt / account disabled',
  tokenRevoked: 'Anmeldung widerrufen, bitte neu anmelden / sign-in revoked',
  accessRevoked: 'Zugriff auf dieses Dokument entzogen / access to this document revoked',
  tooManyConnections: (limit: number) => `Mehr als ${limit} Verbindungen für dieses Konto / too many connections for this account`,
  malformed: (detail: string) => `Ungültige Nachricht: ${detail} / malformed message`,
  messageTooLarge: (limit: number) => `Nachricht größer als ${limit} Bytes / message too large`,
  documentTooLarge: (limit: number) => `Dokument größer als ${limit} Bytes / document too large`,
  rateLimited: 'Zu viele Nachrichten / too many messages',
  syncRequestsLimited: 'Zu viele Abgleich-Anfragen / too many sync requests',
  slowReader: 'Client liest zu langsam / client reads too slowly',
  awarenessRejected: (detail: string) => `Präsenz abgelehnt: ${detail}`,
  updateRefused: (detail: string) => `Änderung abgelehnt: ${detail}`,
  clientIdTaken: 'Client-ID gehört einem anderen Konto / client id belongs to another account',
  clientIdBusy: 'Client-ID wird von einer anderen Verbindung benutzt / client id in use by another connection',
  shuttingDown: 'Server wird beendet / server shutting down',
  internalError: 'Interner Serverfehler / internal server error',
  documentReset: 'Dokument wird neu geladen / document reloading',
} as const;
