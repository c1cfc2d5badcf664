import { BrowserWindow, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The renderer the window shows: its page, and the tree its files come from. */
export interface RendererEntry {
  page: string;
  /** True for the page and its own files (scripts, styles, images); false for anything else. */
  isOwn(url: string): boolean;
}

export function rendererEntry(outDir: string): RendererEntry {
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (devUrl) {
    const origin = new URL(devUrl).origin;
    return { page: devUrl, isOwn: (url) => url.startsWith(`${origin}/`) || url === origin };
  }
  const page = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
  const tree = page.slice(0, page.lastIndexOf('/') + 1);
  return { page, isOwn: (url) => url.startsWith(tree) && !url.slice(tree.length).includes('..') };
}

/**
 * The till's window, locked down: sandboxed, context-isolated, no Node; it may not navigate away
 * from its own page or open windows. The renderer's CSP (index.html) allows no inline or remote
 * script; lockDownSession below refuses permissions and every request outside the renderer's files.
 */
export function createRegisterWindow(outDir: string, entry: RendererEntry): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    autoHideMenuBar: true,
    title: 'Nota',
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  lockDownContents(window.webContents, entry);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(entry.page);
  return window;
}

function lockDownContents(contents: WebContents, entry: RendererEntry): void {
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (url.split('#')[0] !== entry.page.split('#')[0]) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', (event) => stayHome(event, event.url));
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Once per app, before the window: no permission for any page and no request for remote content. */
export function lockDownSession(entry: RendererEntry): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(entry.isOwn(details.url) || details.url.startsWith('devtools:')) });
  });
}
