import type { ReactNode } from 'react';
import type { CellChange } from '../../shared/indicators/snapshot-diff';

/** Column headings of a CellChangesTable, in the UI's language. */
export interface CellChangesLabels {
  region: string;
  period: string;
  before: string;
  after: string;
}

/**
 * The figures that a newer Stand changes, region by region and period by period (old → new, the
 * new value in bold), in a scrolling region the keyboard can reach. Used where one snapshot is
 * updated (indicators) and where the whole report's data are (Fokusbericht).
 */
export function CellChangesTable(props: {
  changes: readonly CellChange[];
  /** Names the table for screen readers and its scrolling region. */
  label: string;
  labels: CellChangesLabels;
  period: (period: string) => string;
  cell: (cell: CellChange['before']) => string;
  testId?: string;
}): ReactNode {
  const { changes, label, labels, period, cell, testId } = props;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="data-table" {...(testId === undefined ? {} : { 'data-testid': testId })}>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.region}</th>
            <th scope="col">{labels.period}</th>
            <th scope="col" className="num">
              {labels.before}
            </th>
            <th scope="col" className="num">
              {labels.after}
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={`${c.ags}|${c.period}`}>
              <th scope="row">{c.regionName}</th>
              <td>{period(c.period)}</td>
              <td className="num">{cell(c.before)}</td>
              <td className="num">
                <strong>{cell(c.after)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
