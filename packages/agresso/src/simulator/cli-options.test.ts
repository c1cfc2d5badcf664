import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReferenceDir } from '../reference-dir';
import { describeGl07Checks, parseCli, usage } from './cli-options';

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
    const empty = mkdtempSync(join(tmpdir(), 'agresso-xsd-'));
    expect(() => parseCli(['--xsd-dir', empty], {})).toThrow(`--xsd-dir ${empty} has no ABWTransaction.local.xsd (Unit4's GL07 schema)`);
    expect(() => parseCli(['--customers', '/nonexistent/customers.json'], {})).toThrow(/^--customers \/nonexistent\/customers.json: /);
    expect(() => parseCli(['--colour'], {})).toThrow(/Unknown option/);
  });
});

describe('what the simulator says about its GL07 checks', () => {
  const schemaDir = mkdtempSync(join(tmpdir(), 'agresso-xsd-'));
  writeFileSync(join(schemaDir, 'ABWTransaction.local.xsd'), '<xs:schema/>');

  it("names Unit4's schema and the folder it is read from", () => {
    const checked = `GL07 documents are checked against Unit4's XSD (ABWTransaction.local.xsd in ${schemaDir})`;
    expect(describeGl07Checks(schemaDir)).toBe(checked);
    expect(describeGl07Checks(undefined, { defaultDir: schemaDir })).toBe(checked);
    expect(parseCli(['--xsd-dir', schemaDir], {})?.options.xsdDir).toBe(schemaDir);
  });

  it('says when it checks only its own rules, and how to point it at the schema', () => {
    expect(describeGl07Checks(null)).toBe("GL07 documents are checked only against the simulator's own rules, not Unit4's XSD (--no-xsd)");
    expect(describeGl07Checks(undefined, { defaultDir: null })).toBe(
      "GL07 documents are checked only against the simulator's own rules, not Unit4's XSD: none found in " +
        '../shared/reference/agresso beside the repository; point --xsd-dir at the folder with ABWTransaction.local.xsd',
    );
    expect(describeGl07Checks(undefined, { defaultDir: null, pointWith: 'AGRESSO_XSD_DIR' })).toMatch(/; point AGRESSO_XSD_DIR at the folder/);
  });
});
