// Settings → Packing against the real core: a supervisor switches the station's label source and
// edits the ship-from address, and core reads back what was saved; a packer sees it read-only;
// a ship-from without a name is refused in the user's words and never sent.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { click, renderApp } from './renderApp';
import { startCore, USERS } from './realCore';

async function open(pin: string) {
  const ui = await startCore({ signedInPin: pin });
  const app = await renderApp({ core: ui });
  await click(screen.getByTestId('nav-settings'));
  await click(screen.getByTestId('settings-tab-packing'));
  await screen.findByTestId('pack-settings');
  return { ui, app };
}

async function change(testId: string, value: string) {
  await act(async () => void fireEvent.change(screen.getByTestId(testId), { target: { value } }));
}

describe('Settings → Packing', () => {
  it('a supervisor sets the label source and the ship-from address; core reads them back', async () => {
    const { ui } = await open(USERS.supervisor.pin);
    expect((await ui.api.call('packing.settings', {})).labelSource).toBe('carrier');
    expect((screen.getByTestId('label-source-carrier') as HTMLInputElement).checked).toBe(true);

    await click(screen.getByTestId('label-source-own'));
    await change('ship-from-name', 'Dockside Warehouse s.r.o.');
    await change('ship-from-line-1', 'Skladová 12');
    await change('ship-from-line-2', 'Hala B');
    await change('ship-from-postalCode', '602 00');
    await change('ship-from-city', 'Brno');
    await change('ship-from-country', 'CZ');
    await click(screen.getByTestId('pack-settings-save'));

    await waitFor(() => expect(screen.getByText('Packing settings saved.')).toBeTruthy());
    expect(await ui.api.call('packing.settings', {})).toEqual({
      labelSource: 'own',
      shipFrom: { name: 'Dockside Warehouse s.r.o.', lines: ['Skladová 12', 'Hala B'], postalCode: '602 00', city: 'Brno', country: 'CZ' },
    });
    expect((screen.getByTestId('pack-settings-save') as HTMLButtonElement).disabled).toBe(true);

    // And back to the carrier's label.
    await click(screen.getByTestId('label-source-carrier'));
    await click(screen.getByTestId('pack-settings-save'));
    await waitFor(async () => expect((await ui.api.call('packing.settings', {})).labelSource).toBe('carrier'));
  });

  it('a packer sees the settings read-only', async () => {
    const { app } = await open(USERS.packer.pin);
    expect(screen.getByText('Only a supervisor can change these settings.')).toBeTruthy();
    for (const id of ['label-source-carrier', 'label-source-own', 'ship-from-name', 'ship-from-city']) {
      expect((screen.getByTestId(id).closest('fieldset') as HTMLFieldSetElement).disabled, id).toBe(true);
    }
    expect(screen.queryByTestId('pack-settings-save')).toBeNull();
    expect(app.bridge.callsOf('packing.setSettings')).toEqual([]);
  });

  it('a ship-from without a name is refused with a translated message and nothing is saved', async () => {
    const { ui, app } = await open(USERS.supervisor.pin);
    const before = await ui.api.call('packing.settings', {});
    await change('ship-from-name', '   ');
    await change('ship-from-postalCode', '1'.repeat(21));
    await click(screen.getByTestId('pack-settings-save'));
    expect(screen.getByText('Enter the sender’s name.')).toBeTruthy();
    expect(screen.getByText('At most 20 characters.')).toBeTruthy();
    expect(app.bridge.callsOf('packing.setSettings')).toEqual([]);
    expect(await ui.api.call('packing.settings', {})).toEqual(before);
  });
});
