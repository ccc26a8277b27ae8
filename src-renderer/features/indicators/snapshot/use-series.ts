import { useEffect, useState } from 'react';
import type { IndicatorSeries } from '../../../../shared/indicators/types';
import { api } from '../../../api/client';

type Query = Parameters<typeof api.indicators.query>[0];

/**
 * Runs an indicator query whenever it changes (null: none). The series returned always belongs to
 * exactly the current query: while a new answer is pending it is null, never the previous one.
 */
export function useSeries(query: Query | null): { series: IndicatorSeries | null; error: string | null } {
  const [state, setState] = useState<{ key: string; series: IndicatorSeries | null; error: string | null }>({ key: '', series: null, error: null });
  const key = query ? JSON.stringify(query) : '';
  useEffect(() => {
    if (!key) {
      return;
    }
    let cancelled = false;
    api.indicators
      .query(JSON.parse(key) as Query)
      .then((series) => !cancelled && setState({ key, series, error: null }))
      .catch((e: unknown) => !cancelled && setState({ key, series: null, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      cancelled = true;
    };
  }, [key]);
  return state.key === key ? { series: state.series, error: state.error } : { series: null, error: null };
}
