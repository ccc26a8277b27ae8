// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { NameForm } from './NameForm';

afterEach(cleanup);

describe('the name form', () => {
  it('can be cancelled when renaming, keeping the old name', () => {
    const onDone = vi.fn<(name: string) => void>();
    const onCancel = vi.fn<() => void>();
    render(
      <I18nProvider initial="de">
        <NameForm initial="Anke Petersen" onDone={onDone} onCancel={onCancel} />
      </I18nProvider>,
    );
    fireEvent.input(screen.getByLabelText(/^Ihr Anzeigename/), { target: { value: 'Jemand anderes' } });
    fireEvent.click(screen.getByRole('button', { name: 'Abbrechen' }));
    expect(onCancel).toHaveBeenCalledOnce();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('says the 60-character limit while typing, as the shared schema enforces it', async () => {
    const onDone = vi.fn<(name: string) => void>();
    render(
      <I18nProvider initial="de">
        <NameForm onDone={onDone} />
      </I18nProvider>,
    );
    const input = screen.getByLabelText(/^Ihr Anzeigename/);
    expect(input.getAttribute('maxlength')).toBe('60');
    fireEvent.input(input, { target: { value: 'A'.repeat(30) } });
    await waitFor(() => expect(screen.queryByText(/von 60 Zeichen/)).toBeNull());
    fireEvent.input(input, { target: { value: 'A'.repeat(50) } });
    expect(await screen.findByText('50 von 60 Zeichen')).toBeTruthy();
    fireEvent.input(input, { target: { value: 'A'.repeat(60) } });
    expect(await screen.findByText('Höchstens 60 Zeichen – weitere werden nicht übernommen.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Weiter' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('A'.repeat(60)));
  });
});
