// The root: providers, first load, and the choice between setup, sign-in and the shell.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { i18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Api } from './api/client';
import type { SystemInfo } from '../../src-preload/contract';
import { loadSnapshot, subscribeEvents, type ConnectionSource } from './app/boot';
import { AppContext, useServices, useSound, type AppServices } from './app/context';
import { guardApi } from './app/guardedApi';
import { useTheme } from './app/useTheme';
import { useScannerCapture, type Scan } from './scanner';
import { routeScan } from './scanner/route';
import { useBadgeSignIn } from './scanner/useBadgeSignIn';
import { IncomingCallWindow, isIncomingCallWindow } from './app/IncomingCallWindow';
import { Shell } from './shell/Shell';
import { Toasts } from './shell/Toasts';
import { SetupScreen } from './features/station/SetupScreen';
import { SignInScreen } from './features/station/SignInScreen';
import { useSession } from './features/station/useStation';
import { useSettings } from './features/settings/useSettings';
import { createSoundPlayer, type SoundPlayer } from './sound';
import { ringsHere, startRinger } from './sound/ring';
import { createAppStores, type AppStores, type ScreenName } from './app/stores';
import type { Role } from '../../src-preload/contract';

export interface AppProps {
  api: Api;
  i18n: i18n;
  /** Transport up/down (web mode); omitted over IPC. */
  connection?: ConnectionSource;
  sound?: SoundPlayer;
  /** Scanner clock, injectable for tests. */
  now?: () => number;
  stores?: AppStores;
}

/** Where each role lands after signing in. */
export const LANDING: Record<Role, ScreenName> = { packer: 'pick', agent: 'calls', supervisor: 'pick' };

export function App(props: AppProps) {
  const stores = useMemo(() => props.stores ?? createAppStores(), [props.stores]);
  const sound = useMemo(() => props.sound ?? createSoundPlayer(), [props.sound]);
  const api = useMemo(
    () => guardApi(props.api, () => stores.session.getState().signedOut()),
    [props.api, stores],
  );
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [boot, setBoot] = useState<'loading' | 'ready' | 'failed'>('loading');

  const load = useCallback(() => {
    loadSnapshot(api, stores).then(
      (i) => {
        setInfo(i);
        setBoot('ready');
      },
      () => setBoot((b) => (b === 'ready' ? b : 'failed')),
    );
  }, [api, stores]);

  useEffect(() => subscribeEvents(api, stores), [api, stores]);
  // The ring of an incoming call (the desktop's incoming-call window, or the page in web mode).
  useEffect(() => {
    if (!ringsHere(window.location.search, props.connection !== undefined)) return;
    return startRinger({
      on: (event, listener) => api.on(event, listener),
      play: () => {
        const { sounds, volume } = stores.settings.getState().settings;
        sound.play('ring', { sounds, volume });
      },
      takesCalls: () => {
        const role = stores.session.getState().station?.currentUser?.role;
        return role === 'agent' || role === 'supervisor';
      },
    });
  }, [api, stores, sound, props.connection]);
  useEffect(() => load(), [load]);
  useEffect(() => {
    if (!props.connection) return;
    return props.connection.onConnection((connected) => {
      stores.status.getState().setConnected(connected);
      // Events sent while the link was down are gone: refetch the whole picture.
      if (connected) load();
    });
  }, [props.connection, stores, load]);

  const services: AppServices = useMemo(() => ({ api, stores, sound, info }), [api, stores, sound, info]);
  return (
    <I18nextProvider i18n={props.i18n}>
      <AppContext.Provider value={services}>
        <Root
          boot={boot}
          retry={() => {
            setBoot('loading');
            load();
          }}
          {...(props.now ? { now: props.now } : {})}
        />
      </AppContext.Provider>
    </I18nextProvider>
  );
}

function Root({ boot, retry, now }: { boot: 'loading' | 'ready' | 'failed'; retry: () => void; now?: () => number }) {
  const { t, i18n } = useTranslation();
  const { stores } = useServices();
  const settings = useSettings((s) => s.settings);
  const station = useSession((s) => s.station);
  const userId = station?.currentUser?.id ?? null;
  const role = station?.currentUser?.role ?? null;
  useTheme(settings.theme);

  useEffect(() => {
    if (i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
    document.documentElement.lang = settings.language;
  }, [i18n, settings.language]);

  // Land on the role's home screen whenever a different user signs in.
  const lastUser = useRef<string | null>(null);
  useEffect(() => {
    if (userId && role && userId !== lastUser.current) stores.ui.getState().navigate(LANDING[role]);
    lastUser.current = userId;
  }, [userId, role, stores]);

  const play = useSound();
  const signInWithBadge = useBadgeSignIn();
  const onScan = useCallback(
    (scan: Scan) => {
      const current = stores.session.getState().station;
      const action = routeScan(scan, {
        needsSetup: current?.needsSetup === true,
        signedIn: Boolean(current?.currentUser),
        isClaimed: stores.scanBus.isClaimed,
      });
      // A badge is a credential: it signs in and is never listed or handed to screens.
      if (action.type === 'signIn') {
        const claim = stores.scanBus.badgeClaim();
        if (claim) claim(action.badge);
        else void signInWithBadge(action.badge);
        return;
      }
      const record = stores.scans.getState().add(scan, Date.now());
      const ui = stores.ui.getState();
      if (action.type === 'navigate') {
        ui.navigate(action.screen);
        ui.toast('info', i18n.t('scanner.navigated', { screen: i18n.t(`nav.${action.screen}`) }));
      } else if (action.type === 'runCommand') {
        stores.scanBus.runCommand(action.command, record);
      } else if (action.type === 'refuse') {
        play('error');
        ui.toast('error', i18n.t(`scanner.refused.${action.reason}`, { command: scan.code }));
      }
      stores.scanBus.emit(record);
    },
    [stores, i18n, play, signInWithBadge],
  );
  useScannerCapture(
    { maxGapMs: settings.scannerMaxGapMs, minLength: settings.scannerMinLength },
    onScan,
    now ? { now } : {},
  );

  if (boot === 'loading' || (boot === 'ready' && !station)) {
    return (
      <div className="splash" data-testid="screen-loading" role="status">
        {t('app.connecting')}
      </div>
    );
  }
  if (boot === 'failed' || !station) {
    return (
      <div className="splash" data-testid="screen-boot-error" role="alert">
        <p>{t('app.bootFailed')}</p>
        <button type="button" className="btn btn-primary" onClick={retry}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  // The desktop's incoming-call window shows the card alone (signing in happens in the main window).
  if (isIncomingCallWindow(window.location.search)) return station.currentUser ? <IncomingCallWindow /> : null;
  return (
    <>
      {station.needsSetup ? <SetupScreen /> : station.currentUser ? <Shell /> : <SignInScreen />}
      <Toasts />
    </>
  );
}
