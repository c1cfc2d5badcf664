import { describe, expect, it } from 'vitest';
import { loggableError } from './loggable-error';

// Shapes of what drizzle, pg and PGlite throw, built by hand: the serializer must keep the SQL state
// and the statement and drop every value, whichever of them carries it.

function databaseError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { severity: 'ERROR', ...fields });
}
function failedQuery(query: string, params: unknown[], cause: unknown): Error {
  const error = Object.assign(new Error(`Failed query: ${query}\nparams: ${params.join(',')}`), { query, params, cause });
  error.name = 'DrizzleQueryError';
  return error;
}

describe('loggableError', () => {
  it('keeps the SQL state, constraint and statement of a failed query, and no parameter', () => {
    const pin = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
    const cause = databaseError('duplicate key value violates unique constraint "register_users_pkey"', {
      code: '23505',
      constraint: 'register_users_pkey',
      table: 'register_users',
      detail: 'Key (id)=(u-greta) already exists.',
      where: 'SQL statement "insert …"',
    });
    const logged = loggableError(failedQuery('insert into "register_users" ("id", "pin_hash") values ($1, $2)', ['u-greta', pin], cause));
    const text = JSON.stringify(logged);
    expect(logged).toMatchObject({ statement: 'insert into "register_users" ("id", "pin_hash") values ($1, $2)', parameterCount: 2 });
    expect(logged.cause).toMatchObject({ sqlState: '23505', constraint: 'register_users_pkey', table: 'register_users' });
    expect(text).toContain('violates unique constraint \\"register_users_pkey\\"');
    expect(text).not.toContain('u-greta');
    expect(text).not.toContain(pin);
    expect(text).not.toContain('already exists');
  });

  it('blanks values PostgreSQL quotes in its own message, and parameters it repeats unquoted', () => {
    const email = 'greta.hemlig@example.se';
    const logged = loggableError(
      databaseError(`invalid input syntax for type uuid: "${email}"`, { code: '22P02', query: 'select 1 where id = $1', params: [email] }),
    );
    expect(logged).toMatchObject({ sqlState: '22P02', statement: 'select 1 where id = $1', message: 'invalid input syntax for type uuid: "[value]"' });
    expect(JSON.stringify(logged)).not.toContain(email);

    const json = { customer: { name: 'Greta Hemligsson', city: 'Lund' } };
    const repeated = loggableError(failedQuery('update t set content = $1', [json], new Error('could not store Greta Hemligsson')));
    expect(JSON.stringify(repeated)).not.toContain('Greta Hemligsson');
  });
});
