import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Indicator, IndicatorSeries, Region, VintageInfo } from '../../../shared/indicators/types';
import { api } from '../../api/client';

/** Query keys of the indicator cache; everything under ['indicators'] is refetched after an import. */
export const indicatorKeys = {
  all: ['indicators'] as const,
  catalogue: ['indicators', 'catalogue'] as const,
  series: (query: SeriesQuery) => ['indicators', 'series', query] as const,
  vintages: (tableCodes: readonly string[]) => ['indicators', 'vintages', tableCodes] as const,
};

/** An indicator query: one indicator, some regions and periods. */
export type SeriesQuery = Parameters<typeof api.indicators.query>[0];

/** The indicators and regions the cache knows. */
export interface Catalogue {
  indicators: Indicator[];
  regions: Region[];
}

function message(error: Error | null): string | null {
  return error ? error.message : null;
}

/** The catalogue (indicators and regions); `enabled: false` waits (e.g. until a dialog opens). */
export function useCatalogue(enabled = true): { catalogue: Catalogue | null; error: string | null } {
  const query = useQuery({
    queryKey: indicatorKeys.catalogue,
    queryFn: async (): Promise<Catalogue> => {
      const [indicators, regions] = await Promise.all([api.indicators.list({}), api.indicators.regions({})]);
      return { indicators, regions };
    },
    enabled,
  });
  return { catalogue: query.data ?? null, error: message(query.error) };
}

/**
 * Runs an indicator query whenever it changes (null: none). The series returned always belongs to
 * exactly the current query: while a new answer is pending it is null, never the previous one's.
 */
export function useSeries(query: SeriesQuery | null): { series: IndicatorSeries | null; error: string | null } {
  const result = useQuery({
    queryKey: indicatorKeys.series(query ?? { indicatorId: '', regions: [], periods: [] }),
    queryFn: () => api.indicators.query(query as SeriesQuery),
    enabled: query !== null,
  });
  return query ? { series: result.data ?? null, error: message(result.error) } : { series: null, error: null };
}

/** The Stände the local cache has for some tables; empty while unknown, offline or on an old host. */
export function useVintages(tableCodes: readonly string[]): VintageInfo[] {
  const result = useQuery({
    queryKey: indicatorKeys.vintages(tableCodes),
    queryFn: async () => (await Promise.all(tableCodes.map((tableCode) => api.indicators.vintages({ tableCode })))).flat(),
    enabled: tableCodes.length > 0,
  });
  return result.data ?? [];
}

/**
 * The newest figures for a query, asked afresh (never from the cache): for replacing a snapshot.
 * The answer is dropped when the dialog closes.
 */
export function useFreshSeries(query: SeriesQuery, id: string): { series: IndicatorSeries | null; error: string | null } {
  const result = useQuery({
    queryKey: ['indicators', 'fresh', id, query],
    queryFn: () => api.indicators.query(query),
    gcTime: 0,
    staleTime: 0,
  });
  return { series: result.data ?? null, error: message(result.error) };
}

/** Marks everything from the indicator cache stale, e.g. after an import changed it. */
export function useInvalidateIndicators(): () => void {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: indicatorKeys.all });
}
