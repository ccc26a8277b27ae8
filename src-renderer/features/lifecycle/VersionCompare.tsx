import type { ReactNode } from 'react';
import { diffWords, plainText, type DiffPart } from '../../../shared/docs/report/changes';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import styles from './lifecycle.module.css';

/** The text of one side of a comparison: title and the two fragments as ProseMirror JSON. */
export interface ComparedText {
  title: string;
  body: Record<string, unknown>;
  recommendation: Record<string, unknown>;
}

/** One fragment's word diff, with insertions and deletions marked (and named for screen readers). */
function Diff({ parts }: { parts: DiffPart[] }): ReactNode {
  const { t } = useMessages(messages);
  if (!parts.some((part) => part.op !== 'same')) {
    return <p className="muted small">{t('lifecycle.versions.noDifference')}</p>;
  }
  return (
    <p className={styles.diff}>
      {parts.map((part, index) =>
        part.op === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.op === 'added' ? (
          <ins key={index} className={styles.ins}>
            <span className="visually-hidden">{t('lifecycle.versions.inserted')} </span>
            {part.text}
          </ins>
        ) : (
          <del key={index} className={styles.del}>
            <span className="visually-hidden">{t('lifecycle.versions.deleted')} </span>
            {part.text}
          </del>
        ),
      )}
    </p>
  );
}

/** Compares two texts of a proposal word by word, per part (Vorschlag, Handlungsempfehlung). */
export function VersionCompare({ before, after }: { before: ComparedText; after: ComparedText }): ReactNode {
  const { t } = useMessages(messages);
  return (
    <div data-testid="version-compare">
      <p className="small muted">{t('lifecycle.versions.legend')}</p>
      {before.title !== after.title && <p>{t('lifecycle.versions.titleChanged', { from: before.title, to: after.title })}</p>}
      <h3 className={styles.compareHeading}>{t('lifecycle.part.body')}</h3>
      <Diff parts={diffWords(plainText(before.body), plainText(after.body))} />
      <h3 className={styles.compareHeading}>{t('lifecycle.part.recommendation')}</h3>
      <Diff parts={diffWords(plainText(before.recommendation), plainText(after.recommendation))} />
    </div>
  );
}
