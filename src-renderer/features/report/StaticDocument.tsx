import { useMemo, type ReactNode } from 'react';
import type { PmNode } from '../../../shared/docs/report';
import { pmToHtml } from '../../../shared/export/pm-html';

/**
 * Frozen ProseMirror JSON (a pushed recommendation) as HTML from the exporters' renderer, which
 * escapes every text and attribute and knows only the shared schema. No editor instance: the
 * report shows 60 of these, which as read-only editors cost most of its opening time.
 */
export function StaticDocument({ content, label, idPrefix }: { content: Record<string, unknown>; label: string; idPrefix: string }): ReactNode {
  const html = useMemo(() => pmToHtml(content as unknown as PmNode, { headingOffset: 4, idPrefix }), [content, idPrefix]);
  return <div className="prose" role="document" aria-label={label} data-testid="entry-text" dangerouslySetInnerHTML={{ __html: html }} />;
}
