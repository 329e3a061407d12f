// A stand-in for the `electron` module: there is no Electron binary on this machine, and
// requiring the real package would try to fetch one. It models only what the adapters touch,
// with state the tests can inspect. Install it per test file with:
//   vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);
// and call resetFake() in beforeEach.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import Conf from 'conf';

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeFrame('about:blank');
  readonly sent: { channel: string; message: unknown }[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  printCalls: { options: unknown }[] = [];
  printers: unknown[] = [];
  printResult: { success: boolean; failureReason: string } = { success: true, failureReason: '' };
  destroyed = false;

  send(channel: string, message: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, message: structuredClone(message) });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(h: WindowOpenHandler): void {
    this.windowOpenHandler = h;
  }
  async getPrintersAsync(): Promise<unknown[]> {
    return this.printers;
  }
  print(options: unknown, cb: (success: boolean, failureReason: string) => void): void {
    this.printCalls.push({ options });
    setImmediate(() => cb(this.printResult.success, this.printResult.failureReason));
  }
  /** Emits a Electron-style navigation event; returns whether the app prevented it. */
  emitNavigation(name: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(name, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loads: { kind: 'file' | 'url'; target: string }[] = [];
  shown = false;
  destroyed = false;
  /** What loadFile saw on disk at load time (the print adapter writes its PDF first). */
  loadedBytes: Buffer | null = null;

  constructor(public readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  static fromWebContents(wc: FakeWebContents): FakeBrowserWindow | null {
    return FakeBrowserWindow.instances.find((w) => w.webContents === wc) ?? null;
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  async loadFile(file: string): Promise<void> {
    this.loads.push({ kind: 'file', target: file });
    const fs = await import('node:fs');
    this.loadedBytes = fs.existsSync(file) ? fs.readFileSync(file) : null;
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    setImmediate(() => this.emit('ready-to-show'));
  }
  async loadURL(url: string): Promise<void> {
    this.loads.push({ kind: 'url', target: url });
    this.webContents.mainFrame.url = url;
    setImmediate(() => this.emit('ready-to-show'));
  }
  show(): void {
    this.shown = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  /** Focus is modelled so "is the app in the background" can be asked; one window has it at a time. */
  focused = false;
  focus(): void {
    for (const w of FakeBrowserWindow.instances) w.focused = false;
    this.focused = true;
    this.shown = true;
    this.emit('focus');
  }
  isFocused(): boolean {
    return this.focused && !this.destroyed;
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.instances.find((w) => w.isFocused()) ?? null;
  }
  /** Shown without taking focus (and without taking it from whoever has it). */
  shownInactive = false;
  showInactive(): void {
    this.shown = true;
    this.shownInactive = true;
  }
  isVisible(): boolean {
    return this.shown && !this.destroyed;
  }
  hide(): void {
    this.shown = false;
    this.focused = false;
  }
  alwaysOnTop: { flag: boolean; level?: string; relativeLevel?: number } | null = null;
  setAlwaysOnTop(flag: boolean, level?: string, relativeLevel?: number): void {
    this.alwaysOnTop = { flag, level, relativeLevel };
  }
  allWorkspaces: { visible: boolean; options?: Record<string, unknown> } | null = null;
  setVisibleOnAllWorkspaces(visible: boolean, options?: Record<string, unknown>): void {
    this.allWorkspaces = { visible, options };
  }
  /** Like Electron's close(): the window goes (no beforeunload modelled). */
  close(): void {
    if (!this.destroyed) this.destroy();
  }
}

/** globalShortcut: accelerators other apps own are refused, as the OS refuses them. */
class FakeGlobalShortcut {
  registered = new Map<string, () => void>();
  takenByOthers = new Set<string>();
  register(accelerator: string, cb: () => void): boolean {
    if (this.takenByOthers.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, cb);
    return true;
  }
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }
  unregisterAll(): void {
    this.registered.clear();
  }
  /** The user presses the keys: the callback runs if we hold them. */
  press(accelerator: string): boolean {
    const cb = this.registered.get(accelerator);
    cb?.();
    return cb !== undefined;
  }
}

/**
 * clipboard as Electron 45 has it: async, W3C-like, and on Linux a `selection` clipboard (the
 * X11/Wayland primary selection: whatever is highlighted) beside the system one.
 */
type ClipboardKind = 'clipboard' | 'selection';
interface ClipboardState {
  text: Record<ClipboardKind, string>;
  reads: ClipboardKind[];
}
function clipboardBuffer(state: ClipboardState, kind: ClipboardKind) {
  return {
    async readText(): Promise<string> {
      state.reads.push(kind);
      return state.text[kind];
    },
    async writeText(text: string): Promise<void> {
      state.text[kind] = text;
    },
  };
}
function fakeClipboard() {
  const state: ClipboardState = { text: { clipboard: '', selection: '' }, reads: [] };
  return Object.assign(state, clipboardBuffer(state, 'clipboard'), { selection: clipboardBuffer(state, 'selection') });
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = false;
  closed = false;
  constructor(public readonly options: Record<string, unknown>) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
    this.emit('close', {});
  }
  /** The user clicks it. */
  click(): void {
    this.emit('click', {});
  }
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

class FakeSession {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl?: string }) => void) | null = null;
  permissionCheckHandler: ((wc: unknown, permission: string, origin: string, details: { requestingUrl?: string; isMainFrame: boolean }) => boolean) | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  webRequest = {
    onHeadersReceived: (l: HeadersListener) => {
      this.headersListener = l;
    },
  };
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: FakeSession['devicePermissionHandler']) {
    this.devicePermissionHandler = h;
  }
  /** Runs a response through the installed header listener, as Chromium would. */
  respond(url: string, responseHeaders: Record<string, string[]> = {}): Record<string, string[]> | undefined {
    let out: Record<string, string[]> | undefined;
    this.headersListener?.({ url, responseHeaders }, (r) => (out = r.responseHeaders));
    return out;
  }
}

/** safeStorage with real AES-GCM under a per-run key, so ciphertext never contains the text. */
class FakeSafeStorage {
  backend = 'gnome_libsecret';
  available = true;
  key = randomBytes(32);
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }
  async encryptStringAsync(plain: string): Promise<Buffer> {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, c.getAuthTag(), data]);
  }
  async decryptStringAsync(buf: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const iv = buf.subarray(3, 15);
    const tag = buf.subarray(15, 31);
    const d = createDecipheriv('aes-256-gcm', this.key, iv);
    d.setAuthTag(tag);
    return { result: Buffer.concat([d.update(buf.subarray(31)), d.final()]).toString('utf8'), shouldReEncrypt: false };
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

class FakeApp extends EventEmitter {
  userData = '/nonexistent';
  isPackaged = true;
  gotLock = true;
  /** setAsDefaultProtocolClient calls, as made. */
  protocolClients: { protocol: string; path?: string; args?: string[] }[] = [];
  quitCalls = 0;
  exitCode: number | null = null;
  sandboxEnabled = false;
  isReadyNow = false;
  private readyResolve: (() => void) | null = null;
  private ready = new Promise<void>((r) => (this.readyResolve = r));

  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath(${name}) not modelled`);
    return this.userData;
  }
  setPath(name: string, value: string): void {
    if (name !== 'userData') throw new Error(`fake app.setPath(${name}) not modelled`);
    this.userData = value;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    this.protocolClients.push({ protocol, ...(path !== undefined ? { path } : {}), ...(args !== undefined ? { args } : {}) });
    return true;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  isReady(): boolean {
    return this.isReadyNow;
  }
  makeReady(): void {
    this.isReadyNow = true;
    this.readyResolve?.();
  }
  /** Like Electron: emits before-quit, and quits only if no listener prevented it. */
  quit(): void {
    this.quitCalls++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('will-quit');
  }
  exit(code: number): void {
    this.exitCode = code;
  }
  resetState(): void {
    this.removeAllListeners();
    this.userData = '/nonexistent';
    this.isPackaged = true;
    this.gotLock = true;
    this.protocolClients = [];
    this.quitCalls = 0;
    this.exitCode = null;
    this.sandboxEnabled = false;
    this.isReadyNow = false;
    this.ready = new Promise<void>((r) => (this.readyResolve = r));
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain {
  handlers = new Map<string, InvokeHandler>();
  handle(channel: string, h: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, h);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(): void {}
  /** Calls a handler the way Electron does for ipcRenderer.invoke from `sender`'s `frame`. */
  async invoke(channel: string, sender: FakeWebContents, frame: FakeFrame | null, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h({ sender, senderFrame: frame }, ...args);
  }
}

class FakeIpcRenderer extends EventEmitter {
  invokes: { channel: string; args: unknown[] }[] = [];
  /** What main "answers"; null makes invoke reject as when no handler is registered. */
  answer: ((channel: string, ...args: unknown[]) => unknown) | null = () => ({ ok: true, value: null });
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invokes.push({ channel, args });
    if (!this.answer) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
    return this.answer(channel, ...args);
  }
}

class FakeContextBridge {
  exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    this.exposed.set(key, api);
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** protocol: records privileged schemes (and whether `ready` had fired, which Electron forbids) and handlers. */
class FakeProtocol {
  privileged: { scheme: string; privileges: Record<string, unknown>; beforeReady: boolean }[] = [];
  handlers = new Map<string, ProtocolHandler>();
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, unknown> }[]): void {
    for (const s of schemes) this.privileged.push({ scheme: s.scheme, privileges: { ...s.privileges }, beforeReady: !fake.app.isReady() });
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme has been registered: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  /** What a renderer request for `url` would get, as Chromium routes it to the scheme's handler. */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = url.slice(0, url.indexOf(':'));
    const h = this.handlers.get(scheme);
    if (!h) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    return h(new Request(url, init));
  }
}

class FakeNet {
  online = true;
  isOnline(): boolean {
    return this.online;
  }
}

export const fake = {
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  ipcMain: new FakeIpcMain(),
  ipcRenderer: new FakeIpcRenderer(),
  contextBridge: new FakeContextBridge(),
  session: { defaultSession: new FakeSession() },
  safeStorage: new FakeSafeStorage(),
  net: new FakeNet(),
  protocol: new FakeProtocol(),
  powerMonitor: new EventEmitter(),
  dialog: { errors: [] as { title: string; body: string }[], showErrorBox(title: string, body: string) { this.errors.push({ title, body }); } },
  shell: { opened: [] as string[], async openExternal(url: string) { this.opened.push(url); } },
  globalShortcut: new FakeGlobalShortcut(),
  clipboard: fakeClipboard(),
  Notification: FakeNotification,
  screen: {
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    getPrimaryDisplay() {
      return { workArea: { ...this.workArea } };
    },
  },
};

/** What `vi.mock('electron', …)` returns: named exports plus the default export electron-store uses. */
export const electronModule = { ...fake, default: fake };

export function resetFake(): void {
  fake.app.resetState();
  FakeBrowserWindow.instances = [];
  fake.ipcMain.handlers.clear();
  fake.ipcRenderer.removeAllListeners();
  fake.ipcRenderer.invokes = [];
  fake.ipcRenderer.answer = () => ({ ok: true, value: null });
  fake.contextBridge.exposed.clear();
  fake.session.defaultSession = new FakeSession();
  fake.safeStorage = Object.assign(fake.safeStorage, { backend: 'gnome_libsecret', available: true, key: randomBytes(32) });
  fake.net.online = true;
  fake.protocol.privileged = [];
  fake.protocol.handlers.clear();
  fake.powerMonitor.removeAllListeners();
  fake.dialog.errors = [];
  fake.shell.opened = [];
  fake.globalShortcut.registered.clear();
  fake.globalShortcut.takenByOthers.clear();
  fake.clipboard.text = { clipboard: '', selection: '' };
  fake.clipboard.reads = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  fake.screen.workArea = { x: 0, y: 0, width: 1920, height: 1040 };
}

/**
 * electron-store is loaded by Node outside vitest's module graph, so it would require the real
 * electron. Where a test needs the class, this stand-in does the one thing electron-store adds
 * over conf: `name` becomes conf's `configName` in the given `cwd`.
 */
export class ConfBackedStore<T extends Record<string, unknown>> extends Conf<T> {
  constructor(options: { name?: string; cwd: string; accessPropertiesByDotNotation?: boolean }) {
    const { name, ...rest } = options;
    super({ ...rest, configName: name ?? 'config', projectName: 'dockside-test' });
  }
}
