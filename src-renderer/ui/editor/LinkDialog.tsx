import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../Button';
import { Dialog } from '../Dialog';

const ALLOWED = /^(https?:\/\/|mailto:)\S+$/i;

/** Asks for a link address; an empty address removes the link. */
export function LinkDialog({
  open,
  initial,
  onClose,
  onSubmit,
}: {
  open: boolean;
  initial: string;
  onClose: () => void;
  onSubmit: (href: string | null) => void;
}): ReactNode {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const submit = (): void => {
    const href = value.trim();
    if (href && !ALLOWED.test(href)) {
      setInvalid(true);
      return;
    }
    onSubmit(href || null);
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('editor.link')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" onClick={submit}>
            OK
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span className="field-label">{t('editor.linkPrompt')}</span>
          <input
            className="input"
            type="url"
            autoFocus
            value={value}
            aria-invalid={invalid}
            onChange={(e) => {
              setValue(e.target.value);
              setInvalid(false);
            }}
          />
        </label>
        {invalid && <p className="field-error">{t('editor.linkInvalid')}</p>}
      </form>
    </Dialog>
  );
}
