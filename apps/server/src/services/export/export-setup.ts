import { createAgressoClient, type AgressoClient, type AgressoConnection } from '@nota/agresso';
import { describeMappingProblems, mappingProblems, type AccountingMapping } from '@nota/domain';
import type { Queryable } from '../../db/database';
import { readConfig, readMapping, type AgressoConnectionConfig } from '../config/server-config';
import type { SecretBox } from '../config/secret-box';
import { ExportProblem } from './export-problem';

export type AgressoClientFactory = (connection: AgressoConnection) => AgressoClient;

export interface ExportSetup {
  mapping: AccountingMapping;
  connection: AgressoConnectionConfig;
  client: AgressoClient;
}

/** What every export needs; a missing piece blocks the export (until it is saved) with a reason naming it. */
export async function loadExportSetup(db: Queryable, secrets: SecretBox, clientFor: AgressoClientFactory = createAgressoClient): Promise<ExportSetup> {
  const connection = await readConfig(db, 'agresso-connection');
  if (!connection) {
    throw new ExportProblem('blocked', 'AGRESSO_NOT_CONFIGURED', 'The Agresso connection is not set up (address, user, client, password); exports wait until it is.');
  }
  const mapping = await readMapping(db);
  const problems = mappingProblems(mapping);
  if (problems.length > 0) throw new ExportProblem('blocked', 'MAPPING_INCOMPLETE', describeMappingProblems(problems));
  const client = clientFor({
    baseUrl: connection.baseUrl,
    username: connection.username,
    client: connection.client,
    password: secrets.open(connection.password),
    timeoutMs: connection.timeoutMs,
  });
  return { mapping, connection, client };
}
