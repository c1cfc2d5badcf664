export { buildApp, BODY_LIMIT, loggerOptions } from './build-app';
export type { AppOptions } from './options';
export { openDatabase, type Database, type DatabaseOptions } from './db/database';
export { DatabaseTooNewError } from './db/migrate';
export { DataDirInUseError } from './db/data-dir-lock';
export { loadSecretKey } from './services/config/secret-box';
export { listenProblem } from './listen-problem';
export { FirstAdministratorError } from './services/auth/first-administrator';
