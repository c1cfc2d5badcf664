import { createAgressoClient, type AgressoClient, type AgressoConnection } from '@nota/agresso';
import { describeMappingProblems, mappingProblems, type AccountingMapping } from '@nota/domain';
import type { Queryable } from '../../db/database';
import { readConfig, readMapping, type AgressoConnectionConfig } from '../config/server-config';
import { SecretKeyMismatch, type SecretBox } from '../config/secret-box';
import { ExportProblem } from './export-problem';

export type AgressoClientFactory = (connection: AgressoConnection) => AgressoClient;

export interface AgressoLink {
  connection: AgressoConnectionConfig;
  client: AgressoClient;
}

/** The Agresso connection, ready to call; a missing one (or a password sealed with another key) blocks the export until saved. */
export async function connectAgresso(db: Queryable, secrets: SecretBox, clientFor: AgressoClientFactory = createAgressoClient): Promise<AgressoLink> {
  const connection = await readConfig(db, 'agresso-connection');
  if (!connection) {
    throw new ExportProblem('blocked', 'AGRESSO_NOT_CONFIGURED', 'The Agresso connection is not set up (address, user, client, password); exports wait until it is.');
  }
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
export async function completeMapping(db: Queryable): Promise<AccountingMapping> {
  const mapping = await readMapping(db);
  const problems = mappingProblems(mapping);
  if (problems.length > 0) throw new ExportProblem('blocked', 'MAPPING_INCOMPLETE', describeMappingProblems(problems));
  return mapping;
}
