import { createAgressoClient, type AgressoClient, type AgressoConnection } from '@nota/agresso';
import { describeMappingProblems, mappingProblems, type AccountingMapping } from '@nota/domain';
import type { Queryable } from '../../db/database';
import { insecureAddressProblem } from '../config/agresso-address';
import { readConfig, readMapping, settingsVersion, type AgressoConnectionConfig } from '../config/server-config';
import { SecretKeyMismatch, type SecretBox } from '../config/secret-box';
import { ExportProblem } from './export-problem';

export type AgressoClientFactory = (connection: AgressoConnection) => AgressoClient;

/** The settings an export step works with, as of one settings version. */
export interface ExportSettings {
  version: number;
  connection: AgressoConnectionConfig | null;
  mapping: AccountingMapping;
}

/**
 * The settings, read again only when a save has moved the settings version: a step costs one small
 * read instead of three. The version is read first, so settings saved meanwhile are never taken
 * for the older version.
 */
export function createSettingsCache(): (db: Queryable) => Promise<ExportSettings> {
  let cached: ExportSettings | null = null;
  return async (db) => {
    const version = await settingsVersion(db);
    if (cached?.version === version) return cached;
    cached = { version, connection: await readConfig(db, 'agresso-connection'), mapping: await readMapping(db) };
    return cached;
  };
}

export interface AgressoLink {
  connection: AgressoConnectionConfig;
  client: AgressoClient;
}

/** The Agresso connection, ready to call; a missing one (or a password sealed with another key) blocks the export until saved. */
export function connectAgresso(settings: Pick<ExportSettings, 'connection'>, secrets: SecretBox, clientFor: AgressoClientFactory = createAgressoClient): AgressoLink {
  const { connection } = settings;
  if (!connection) {
    throw new ExportProblem('blocked', 'AGRESSO_NOT_CONFIGURED', 'The Agresso connection is not set up (address, user, client, password); exports wait until it is.');
  }
  // A connection saved before addresses were checked is refused here, before the password is even opened.
  const insecure = insecureAddressProblem(connection.baseUrl);
  if (insecure) throw new ExportProblem('blocked', 'INSECURE_AGRESSO_ADDRESS', insecure);
  let password: string;
  try {
    password = secrets.open(connection.password);
  } catch (error) {
    if (error instanceof SecretKeyMismatch) throw new ExportProblem('blocked', 'SECRET_KEY_MISMATCH', error.message);
    throw error;
  }
  const client = clientFor({ baseUrl: connection.baseUrl, username: connection.username, client: connection.client, password, timeoutMs: connection.timeoutMs });
  return { connection, client };
}

/** The chart-of-accounts mapping, complete; an incomplete one blocks the export and names what is missing. */
export function completeMapping(settings: Pick<ExportSettings, 'mapping'>): AccountingMapping {
  const problems = mappingProblems(settings.mapping);
  if (problems.length > 0) throw new ExportProblem('blocked', 'MAPPING_INCOMPLETE', describeMappingProblems(problems));
  return settings.mapping;
}
