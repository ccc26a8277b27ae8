import type { Handlers } from '../../../shared/contract';
import type { IndicatorCache } from './cache';

/** The cache as the contract's `indicators` handlers, for the IPC and HTTP hosts. */
export function indicatorHandlers(cache: IndicatorCache): Handlers['indicators'] {
  return {
    list: () => cache.list(),
    regions: () => cache.regions(),
    query: (q) => cache.query(q),
  };
}
