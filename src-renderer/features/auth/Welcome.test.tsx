// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { Welcome } from './Welcome';

afterEach(cleanup);

function setup(): { onDone: ReturnType<typeof vi.fn<(name: string) => void>>; input: HTMLElement; submit: () => void } {
  const onDone = vi.fn<(name: string) => void>();
  render(
    <I18nProvider initial="de">
      <Welcome onDone={onDone} />
    </I18nProvider>,
  );
  const input = screen.getByLabelText(/^Ihr Anzeigename/);
  return { onDone, input, submit: () => fireEvent.click(screen.getByRole('button', { name: 'Weiter' })) };
}

describe('first-start form (react-hook-form with the shared DisplayName schema)', () => {
  it('hands on the name with spaces collapsed', async () => {
    const { onDone, input, submit } = setup();
    fireEvent.input(input, { target: { value: '  Anke   Petersen (Diakonie) ' } });
    submit();
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Anke Petersen (Diakonie)'));
  });

  it('refuses a name shorter than two characters, says why, and clears the message when typing', async () => {
    const { onDone, input, submit } = setup();
    fireEvent.input(input, { target: { value: ' A ' } });
    submit();
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Bitte geben Sie einen Namen mit 2 bis 60 Zeichen ein.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.input(input, { target: { value: ' An' } });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
