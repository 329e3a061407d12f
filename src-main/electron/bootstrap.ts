// Wires the Electron host around core: one instance, hardened sessions and webContents, the
// platform adapters, the IPC transport, the main window, and a clean shutdown. Kept apart from
// main.ts (which only calls it) so tests can drive the whole start-up with a fake electron.
import path from 'node:path';
import { app, clipboard, dialog, globalShortcut, ipcMain, net, Notification, powerMonitor, protocol, safeStorage, screen, session } from 'electron';
import Store from 'electron-store';
import { createCore, type Core } from '../core/app';
import { createDemoHost, demoCoreOptions, type DemoHost } from '../host/demo';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { attachCallDesktop } from './callDesktop';
import { registerCallHotkeys } from './callHotkeys';
import { findCallLink, ingestCallLink, installCallLinkInbox, registerCallLinkClient } from './callLink';
import { createCallNotifier } from './callNotification';
import { createIncomingCallWindows } from './callWindow';
import { appPaths, createAppUrlPolicy, parseDevUrl } from './appUrl';
import { createElectronConnectivity } from './connectivity';
import { openFileLogger } from './fileLog';
import { registerIpcTransport } from './ipc';
import { createQuitGuard } from './lifecycle';
import { createOsPrintPort } from './osPrint';
import { createSafeStorageSecretStore, WEAK_SECRETS_ENV } from './secretStore';
import { contentSecurityPolicy, hardenSession, installWebContentsGuards } from './security';
import { createElectronSettingsStore } from './settingsStore';
import { createMainWindow, createWindowRegistry } from './window';

export interface BootstrapOptions {
  /** Directory of the built main bundle (out/main). */
  mainDir: string;
  env: NodeJS.ProcessEnv;
  argv: readonly string[];
}

export interface Started {
  core: Core;
  dataDir: string;
}

/** Returns at once; `ready` settles when the window is loaded (null: another instance owns the lock). */
export function bootstrap(opts: BootstrapOptions): { ready: Promise<Started | null> } {
  // Every renderer sandboxed, including ones we forget to configure (print window, PDF viewer).
  app.enableSandbox();
  // Before anything else and long before `ready`: Chromium reads its scheme table at start-up.
  registerAppScheme(protocol);
  // A demo keeps its sample data (and its single-instance lock) in a folder of its own.
  const demoFlag = opts.argv.includes('--demo') || opts.env.DOCKSIDE_DEMO === '1';
  if (demoFlag) app.setPath('userData', `${app.getPath('userData')} Demo`);
  const dataDir = app.getPath('userData');
  const logger = openFileLogger({ dir: path.join(dataDir, 'logs') });

  if (!app.requestSingleInstanceLock()) {
    // Two instances on one SQLite file and one scanner would fight; the first one wins.
    logger.info('another Dockside instance is running; quitting');
    logger.close();
    app.quit();
    return { ready: Promise.resolve(null) };
  }

  const devUrl = app.isPackaged ? null : parseDevUrl(opts.env.ELECTRON_RENDERER_URL);
  const paths = appPaths(opts.mainDir);
  const urls = createAppUrlPolicy({ devUrl });
  const registry = createWindowRegistry();
  installWebContentsGuards(app, { urls, logger });

  let core: Core | null = null;
  let demoHost: DemoHost | null = null;
  let dispose: (() => void)[] = [];
  const guard = createQuitGuard({
    async close() {
      // IPC goes first so a late call gets "unavailable" rather than a closed database.
      for (const d of dispose.reverse()) d();
      dispose = [];
      await core?.close();
      await demoHost?.close(); // the in-process simulator of a demo station
      logger.info('core closed; quitting');
    },
    quit: () => {
      logger.close();
      app.quit();
    },
    onError: (err) => logger.error('shutdown failed', { err }),
  });
  app.on('before-quit', (event) => guard.onBeforeQuit(event));
  app.on('window-all-closed', () => app.quit());
  // dockside:// links: listened for from now on (macOS sends the launching link before ready),
  // handed to core once it is up. Only the instance holding the lock is the OS handler.
  const callLinks = installCallLinkInbox(app, { argv: opts.argv, logger });
  if (!registerCallLinkClient(app, { isPackaged: app.isPackaged, execPath: process.execPath, argv: opts.argv })) {
    logger.warn('could not register as the dockside:// handler');
  }
  app.on('second-instance', (_event, argv) => {
    // A call link pops its own card without taking focus; only a plain second start raises the app.
    if (findCallLink(argv)) return;
    const win = registry.list()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  const ready = app.whenReady().then(async (): Promise<Started> => {
    logger.info('starting', { version: app.getVersion(), dataDir, dev: devUrl !== null });
    const csp = contentSecurityPolicy(devUrl ? { origin: devUrl.origin } : undefined);
    hardenSession(session.defaultSession, { urls, csp, logger });
    dispose.push(handleAppProtocol(protocol, { rendererDir: paths.rendererDir, csp, logger }));
    const settings = createElectronSettingsStore({ cwd: dataDir, logger, Store });
    const secrets = await createSafeStorageSecretStore({
      dir: dataDir,
      safeStorage,
      allowPlaintextBackend: opts.env[WEAK_SECRETS_ENV] === '1',
      logger,
    });
    const connectivity = createElectronConnectivity({ net, powerMonitor });
    dispose.push(() => connectivity.dispose());
    const osPrint = createOsPrintPort({ logger, anyWebContents: () => registry.list()[0]?.webContents ?? null });
    // A demo station's simulator starts before core, so the first pull already finds it.
    demoHost = createDemoHost({ dataDir, logger });
    const demo = await demoCoreOptions(demoHost, { dataDir, demoFlag, logger });

    core = await createCore({
      dataDir,
      settings,
      secrets,
      connectivity,
      logger,
      version: app.getVersion(),
      platform: process.platform,
      osPrint,
      ...demo,
      ...sqliteBinding(app.isPackaged, opts.env),
    });
    dispose.push(
      registerIpcTransport({
        ipcMain,
        dispatcher: core.dispatcher,
        events: core.events,
        urls,
        ownsWebContents: (wc) => registry.ownsWebContents(wc),
        targets: () => registry.list().map((w) => w.webContents),
        logger,
      }),
    );
    const mainWindow = await createMainWindow({ preload: paths.preload, urls, registry, logger });
    const started = core;
    const calls = attachCallDesktop({
      events: core.events,
      windows: createIncomingCallWindows({
        preload: paths.preload,
        urls,
        registry,
        workArea: () => screen.getPrimaryDisplay().workArea,
        onActivate: (callId) => calls.openCall(callId),
        logger,
      }),
      notifier: createCallNotifier({
        Notification,
        appFocused: () => registry.list().some((w) => w.isFocused()),
        language: () => settings.get().language,
        onClick: (callId) => calls.openCall(callId),
        onAppRequested: () => calls.hotkeys.openCard(),
        logger,
      }),
      mainWindow: () => (mainWindow.isDestroyed() ? null : mainWindow),
      lookup: (number) => started.calls.service.lookup(number),
      focus: (target, callId) => started.calls.service.requestFocus(target, callId),
      logger,
    });
    dispose.push(() => calls.dispose());
    // Closing the main window ends the app: a ringing card must not keep it alive on its own.
    mainWindow.once('closed', () => calls.dispose());
    const hotkeys = registerCallHotkeys({ globalShortcut, app, clipboard, platform: process.platform, handlers: calls.hotkeys, logger });
    dispose.push(() => hotkeys.dispose());
    callLinks.attach((link) => ingestCallLink(link, { ingest: (e) => started.calls.service.ingest(e), logger }));
    dispose.push(() => callLinks.dispose());
    return { core, dataDir };
  });

  ready.catch(async (err: unknown) => {
    logger.error('startup failed', { err });
    dialog.showErrorBox('Dockside could not start', err instanceof Error ? err.message : String(err));
    // app.exit() skips before-quit, so close what was opened here (the database above all).
    for (const d of dispose.reverse()) d();
    await core?.close().catch((closeErr: unknown) => logger.error('close after failed start', { err: closeErr }));
    await demoHost?.close().catch(() => undefined);
    logger.close();
    app.exit(1);
  });

  return { ready };
}

/**
 * `npm start` builds an Electron-ABI better-sqlite3 into a cache (node_modules keeps the Node one)
 * and names it in DOCKSIDE_SQLITE_BINDING. A packaged app ships its own rebuilt copy and ignores
 * the variable: an environment variable must not choose which native library it loads.
 */
export function sqliteBinding(isPackaged: boolean, env: NodeJS.ProcessEnv): { sqliteNativeBinding?: string } {
  const binding = env.DOCKSIDE_SQLITE_BINDING;
  return !isPackaged && binding ? { sqliteNativeBinding: binding } : {};
}
