import { useState, type ReactNode } from 'react';
import { useMessages } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { messages } from './messages';
import styles from './report.module.css';

/** A rename form that opens in place of the title; Enter saves, Escape cancels. */
export function RenameForm({ title, onSave, onClose }: { title: string; onSave: (title: string) => void; onClose: () => void }): ReactNode {
  const { t } = useMessages(messages);
  const [value, setValue] = useState(title);
  return (
    <form
      className={styles.renameForm}
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim() !== '') {
          onSave(value.trim());
        }
        onClose();
      }}
    >
      <label className="visually-hidden" htmlFor="rename-input">
        {t('report.edit.renameLabel', { title })}
      </label>
      <input
        id="rename-input"
        className={styles.renameInput}
        value={value}
        autoFocus
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            onClose();
          }
        }}
      />
      <Button size="sm" variant="primary" type="submit">
        {t('report.edit.save')}
      </Button>
      <Button size="sm" variant="ghost" onClick={onClose}>
        {t('common.cancel')}
      </Button>
    </form>
  );
}
