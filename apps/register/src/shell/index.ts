export { startRegisterHost, type HostedCore, type RegisterHost, type RegisterHostOptions } from './host';
export { ensureRendererBuilt, RENDERER_DIR } from './renderer-build';
