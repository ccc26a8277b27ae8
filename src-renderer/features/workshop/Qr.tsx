import { useMemo, type ReactNode } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code drawn here as SVG from the `qrcode` library's module matrix: no image service, no
 * request leaves the room, and it stays sharp on a projector at any size.
 */
export function QrCode({ value, label, size }: { value: string; label: string; size: number }): ReactNode {
  const path = useMemo(() => {
    const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) {
          d += `M${col + 4} ${row + 4}h1v1h-1z`;
        }
      }
    }
    return { d, size: modules.size + 8 };
  }, [value]);
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${path.size} ${path.size}`} shapeRendering="crispEdges" data-testid="workshop-qr">
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}

/** The link that joins a session: this app's address with the join route (`#/workshop/join/<code>`). */
export function joinLink(code: string): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#/workshop/join/${code}`;
}

/** True when the page was opened at an address other devices cannot reach. */
export function isLocalOnly(): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(window.location.hostname);
}
