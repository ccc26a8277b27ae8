import type { ReactNode } from 'react';
import type { PublicWorkshop } from '../../../shared/docs/workshop/public-view';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import styles from './workshop.module.css';

/** Dots per cluster from every closed vote of the session (results are public only once closed). */
export function dotsByCluster(view: PublicWorkshop): Map<string, { dots: number; proxyDots: number }> {
  const totals = new Map<string, { dots: number; proxyDots: number }>();
  for (const item of view.items) {
    for (const result of item.vote?.results ?? []) {
      const sum = totals.get(result.clusterId) ?? { dots: 0, proxyDots: 0 };
      totals.set(result.clusterId, { dots: sum.dots + result.dots, proxyDots: sum.proxyDots + result.proxyDots });
    }
  }
  return totals;
}

/**
 * The revealed cards grouped by cluster, with the dots once a vote closed: the same board for the
 * moderator's console, the projector and the participants. `actions` adds buttons per cluster.
 */
export function ClusterBoard({ view, large = false, actions }: {
  view: PublicWorkshop;
  large?: boolean;
  actions?: (clusterId: string, name: string) => ReactNode;
}): ReactNode {
  const { t } = useMessages(messages);
  const dots = dotsByCluster(view);
  const unclustered = view.cards.filter((card) => card.clusterId === null);
  const clusters = [...view.clusters].sort((a, b) => (dots.get(b.id)?.dots ?? 0) - (dots.get(a.id)?.dots ?? 0) || a.order - b.order);
  if (view.cards.length === 0 && view.clusters.length === 0) {
    return <p className="muted">{t('workshop.cards.none')}</p>;
  }
  return (
    <div className={`${styles.board} ${large ? styles.boardLarge : ''}`} data-testid="workshop-board">
      {clusters.map((cluster) => {
        const score = dots.get(cluster.id);
        return (
          <section key={cluster.id} className={styles.cluster} aria-label={cluster.name} data-testid="workshop-cluster">
            <header className={styles.clusterHead}>
              <h3 className={styles.clusterName}>{cluster.name}</h3>
              {score !== undefined && (
                <span className={styles.dots} data-testid="cluster-dots">
                  {t('workshop.cluster.dots', { count: score.dots })}
                </span>
              )}
            </header>
            <ul className={styles.cardList}>
              {view.cards
                .filter((card) => card.clusterId === cluster.id)
                .map((card) => (
                  <li key={card.id} className={styles.paperCard}>
                    {card.text}
                  </li>
                ))}
            </ul>
            {actions?.(cluster.id, cluster.name)}
          </section>
        );
      })}
      {unclustered.length > 0 && (
        <section className={`${styles.cluster} ${styles.unclustered}`} aria-label={t('workshop.cards.unclustered')}>
          <header className={styles.clusterHead}>
            <h3 className={styles.clusterName}>{t('workshop.cards.unclustered')}</h3>
          </header>
          <ul className={styles.cardList}>
            {unclustered.map((card) => (
              <li key={card.id} className={styles.paperCard}>
                {card.text}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
