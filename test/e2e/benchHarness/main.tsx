// A pack bench without the Pack screen: the real ScaleReading and PhotoButton, mounted with the
// app's own providers and the web-mode WebSocket transport, so a browser test drives them against
// the real core (test/e2e/benchDevices.test.ts bundles this with esbuild and serves it from the
// real web host). The Pack screen mounts the same two components.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createApi } from '../../../src-renderer/src/api/client';
import { pickTransport } from '../../../src-renderer/src/api/transport';
import { AppContext } from '../../../src-renderer/src/app/context';
import { createAppStores } from '../../../src-renderer/src/app/stores';
import { benchSlots } from '../../../src-renderer/src/features/packing/benchSlots';
import { formatGrams } from '../../../src-renderer/src/features/packing/useScale';
import { createI18n } from '../../../src-renderer/src/i18n';
import { Toasts } from '../../../src-renderer/src/shell/Toasts';
import { createSoundPlayer } from '../../../src-renderer/src/sound';
import '../../../src-renderer/src/styles/theme.css';
import '../../../src-renderer/src/styles/app.css';

const params = new URLSearchParams(location.search);
/** The open parcels, oldest first (the Pack screen shows a photo button on each open parcel). */
const parcels = (params.get('parcels') ?? '').split(',').filter(Boolean);
const current = parcels.at(-1) ?? '';
const { ScaleReading, PhotoButton } = benchSlots;
const api = createApi(pickTransport().bridge);
const stores = createAppStores();
const i18n = createI18n('en');

function Bench() {
  const [weight, setWeight] = useState<number | null>(null);
  return (
    <main className="screen" data-testid="bench-harness" style={{ padding: '1.5em', display: 'grid', gap: '1em', maxWidth: '48em' }}>
      <h1>Parcel {current}</h1>
      <ScaleReading parcelId={current} onReading={setWeight} />
      <p data-testid="bench-weight">{weight === null ? 'No weight yet' : `Parcel weight: ${formatGrams(weight, 'en')}`}</p>
      {parcels.map((id) => (
        <div key={id} data-parcel={id} style={{ display: 'flex', alignItems: 'center', gap: '1em' }}>
          <strong>{id}</strong>
          <PhotoButton parcelId={id} shipmentId="s1" />
        </div>
      ))}
      <Toasts />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <AppContext.Provider value={{ api, stores, sound: createSoundPlayer(), info: null }}>
        <Bench />
      </AppContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);
