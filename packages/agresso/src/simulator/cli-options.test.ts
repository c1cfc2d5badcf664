import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, usage } from './cli-options';

describe('the simulator command line', () => {
  it('has a documented demo default for every option', () => {
    const config = parseCli([], {});
    expect(config?.options).toEqual({
      port: 8090,
      username: 'NOTA',
      client: '10',
      password: 'sim-demo',
      processingDelayMs: 3000,
      perVoucherMs: 10,
      taxCodes: ['0', '1', '2', '3'],
      confirmationTemplateId: 9001,
      customers: [],
    });
    expect(config?.passwordSource).toBe('demo default');
    const help = usage();
    for (const shown of ['[8090]', '[NOTA]', '[10]', '"sim-demo"', '[3000]', '[0,1,2,3]', '[9001]', '--customers FILE.json', '--no-xsd']) expect(help).toContain(shown);
    expect(parseCli(['--help'], {})).toBeNull();
  });

  it('takes every option, and the password from the environment when not given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agresso-sim-'));
    const file = join(dir, 'customers.json');
    writeFileSync(file, JSON.stringify([{ customerId: '10042', name: 'Ängens Förskola', externalReference: 'nota:10042' }]));
    const config = parseCli(
      ['--port', '0', '--user', 'U', '--client', '20', '--processing-delay', '5', '--per-voucher', '1', '--tax-codes', '0, 25', '--template-id', '77', '--customers', file, '--no-xsd'],
      { AGRESSO_SIM_PASSWORD: 'from-env' },
    );
    expect(config).toEqual({
      options: {
        port: 0,
        username: 'U',
        client: '20',
        password: 'from-env',
        processingDelayMs: 5,
        perVoucherMs: 1,
        taxCodes: ['0', '25'],
        confirmationTemplateId: 77,
        customers: [{ customerId: '10042', name: 'Ängens Förskola', externalReference: 'nota:10042' }],
        xsdDir: null,
      },
      passwordSource: 'environment',
      customersFile: file,
    });
    expect(parseCli(['--password', 'given'], { AGRESSO_SIM_PASSWORD: 'from-env' })).toMatchObject({ options: { password: 'given' }, passwordSource: 'option' });
  });

  it('refuses bad values with a message fit for the terminal', () => {
    expect(() => parseCli(['--port', '70000'], {})).toThrow('--port must be a whole number from 0 to 65535, got "70000"');
    expect(() => parseCli(['--processing-delay', 'soon'], {})).toThrow(/--processing-delay must be a whole number/);
    expect(() => parseCli(['--tax-codes', ','], {})).toThrow(/--tax-codes must name at least one code/);
    expect(() => parseCli(['--user', ''], {})).toThrow('--user must not be empty');
    expect(() => parseCli(['--xsd-dir', '/x', '--no-xsd'], {})).toThrow(/contradict/);
    expect(() => parseCli(['--customers', '/nonexistent/customers.json'], {})).toThrow(/^--customers \/nonexistent\/customers.json: /);
    expect(() => parseCli(['--colour'], {})).toThrow(/Unknown option/);
  });
});
