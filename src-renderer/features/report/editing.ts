import type * as Y from 'yjs';
import { placeRecommendation, type OutlineGroup, type PlacedRecommendation } from '../../../shared/docs/report';

/** Who did it and when, for the report's history. */
export interface Actor {
  by: string;
  at: string;
}

/**
 * Moves a recommendation one step up or down among the chapter's visible (not withdrawn) ones;
 * withdrawn ones keep their place in between. Returns false at the edge.
 */
export function stepRecommendation(doc: Y.Doc, groups: readonly OutlineGroup[], chapterId: string, all: readonly PlacedRecommendation[], proposalId: string, step: -1 | 1, actor: Actor): boolean {
  const visible = all.filter((r) => r.placement.withdrawn === null);
  const at = visible.findIndex((r) => r.entry.proposalId === proposalId);
  const neighbour = visible[at + step];
  if (at < 0 || !neighbour) {
    return false;
  }
  const others = all.filter((r) => r.entry.proposalId !== proposalId);
  const pos = others.findIndex((r) => r.entry.proposalId === neighbour.entry.proposalId);
  return placeRecommendation(doc, groups, { proposalId, chapterId, index: step < 0 ? pos : pos + 1, ...actor });
}

/** A fresh id for a part or chapter the Stabsstelle adds (never clashes with a group id). */
export function newOutlineId(prefix: 'teil' | 'kapitel'): string {
  return `_${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
