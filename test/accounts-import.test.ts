import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeCsvFile, readCsv } from '@/lib/accounts/csv';
import { createAccount } from '@/lib/accounts/create';
import { importAccounts } from '@/lib/accounts/import';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents } from '@/lib/db/schema';
import { resetDatabase } from './database';

const BOM = '\uFEFF';
const account = async (identifier: string) => (await getDb().select().from(accounts).where(eq(accounts.identifier, identifier)))[0];
const countAccounts = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(accounts))[0].n;
const lines = (...rows: string[]) => rows.join('\n');

beforeEach(async () => {
  await resetDatabase();
  // audit() writes one log line per import; keep the test output readable.
  vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  await closeDb();
});

describe('readCsv', () => {
  it('reads quoted fields with separators, "" escapes and line breaks, keeping each record\'s line', () => {
    const csv = readCsv('a,b,c\n1,"x, ""y""",3\n\n2,"two\nlines",4\r\n;;\n5,,6');
    expect(csv.separator).toBe(',');
    expect(csv.records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"', '3'] },
      { line: 4, fields: ['2', 'two\nlines', '4'] },
      { line: 6, fields: [';;'] },
      { line: 7, fields: ['5', '', '6'] },
    ]);
    expect(csv.problems).toEqual([]);
  });

  it('detects ";" from the header, strips the BOM and reads CRLF', () => {
    const csv = readCsv(`${BOM}identifier;name\r\n1;"Dupont; Marie"\r\n;\r\n2;"a,b"\r\n`);
    expect(csv.separator).toBe(';');
    expect(csv.records).toEqual([
      { line: 1, fields: ['identifier', 'name'] },
      { line: 2, fields: ['1', 'Dupont; Marie'] },
      { line: 4, fields: ['2', 'a,b'] },
    ]);
  });

  it('reports a quote that is never closed', () => {
    const csv = readCsv('a,b\n1,2\n3,"oops\n4,5\n');
    expect(csv.records.map((r) => r.line)).toEqual([1, 2]);
    expect(csv.problems).toEqual([{ line: 3, message: { key: 'importReport.unclosedQuote' } }]);
  });

  it('reads Excel\'s Windows-1252 files as well as UTF-8', () => {
    expect(decodeCsvFile(new Uint8Array([0x45, 0x6c, 0xe9, 0x61]))).toEqual({ text: 'Eléa', encoding: 'windows-1252' });
    expect(decodeCsvFile(new TextEncoder().encode(`${BOM}Eléa`))).toEqual({ text: `${BOM}Eléa`, encoding: 'utf-8' });
  });
});

describe('importAccounts', () => {
  it('reads what French Excel writes: BOM, ";", CRLF, quoted ";" and licences without their leading zeros', async () => {
    const file =
      BOM +
      [
        'Identifiant;Type;E-mail;Nom;Langue;Rôle',
        '4242;Licence;Jeanne.Martin@Example.ORG;"Martin; Jeanne";fr;membre',
        '12345678;licence;luc@example.org;Luc Petit;EN;',
        '20001;Client;"achats@exemple.fr";"Librairie ""Le Livre""";;admin',
        '',
      ].join('\r\n');
    const report = await importAccounts(file, { dryRun: false });

    expect(report).toEqual({
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      errors: [],
      warnings: [{ line: 2, message: 'licence number "4242" was padded to "00004242" (a spreadsheet probably dropped its leading zeros)' }],
    });
    expect(await account('00004242')).toMatchObject({
      kind: 'licence',
      email: 'jeanne.martin@example.org',
      name: 'Martin; Jeanne',
      locale: 'fr',
      role: 'member',
      status: 'pending',
      passwordHash: null,
      invitedAt: null,
    });
    expect(await account('12345678')).toMatchObject({ locale: 'en', role: 'member', name: 'Luc Petit' });
    expect(await account('20001')).toMatchObject({ kind: 'client', email: 'achats@exemple.fr', name: 'Librairie "Le Livre"', locale: 'fr', role: 'admin' });
  });

  it('reports every bad row with its line and imports the others', async () => {
    const file = lines(
      'email,name,kind,identifier', // any order
      'a@example.org,Alice,licence,11111111',
      'x@,Bad Email,licence,22222222',
      'c@example.org,Carol,membre,33333333',
      'd@example.org,Dan,client,1234',
      'e@example.org,Eve,licence,123456789',
      'f@example.org,Fay,licence,11111111',
      'g@example.org,"Gus\tTab",licence,44444444',
      `h@example.org,${'n'.repeat(201)},licence,55555555`,
      'i@example.org,Ivy,licence,1.2E+07',
      ',Jo,,',
      'k@example.org,Kim,licence,66666666,extra',
      'l@example.org,"Lou, ok",licence,00077777',
      'm@example.org,Max,licence,1111.1111',
    );
    const report = await importAccounts(file, { dryRun: false });

    expect(report.errors).toEqual([
      { line: 3, message: 'email "x@" is not a valid address' },
      { line: 4, message: 'kind "membre" is not "licence" or "client"' },
      { line: 5, message: 'client code "1234" must have exactly 5 digits, it has 4' },
      { line: 6, message: 'licence number "123456789" has 9 digits, at most 8 are allowed' },
      { line: 7, message: 'identifier "11111111" already appears on line 2; this line was ignored' },
      { line: 8, message: 'name contains a control character (a tab, a line break…) at position 4' },
      { line: 9, message: 'name is 201 characters long, at most 200 are allowed' },
      { line: 10, message: 'identifier "1.2E+07" is not made of digits (a spreadsheet turned it into a number: format the column as text)' },
      { line: 11, message: 'kind is empty (expected "licence" or "client"); identifier is empty; email is empty' },
      { line: 12, message: 'the line has 5 values but the header names 4 (a value containing "," must be in double quotes)' },
      { line: 14, message: 'identifier "11111111" already appears on line 2; this line was ignored' },
    ]);
    expect(report).toMatchObject({ rows: 13, created: 2, updated: 0, unchanged: 0, warnings: [] });
    expect(await account('11111111')).toMatchObject({ name: 'Alice', email: 'a@example.org' });
    expect(await account('00077777')).toMatchObject({ name: 'Lou, ok' });
    expect(await countAccounts()).toBe(7 + 2);
  });

  it('reports in French for the admin page: every line, the zeros put back, the header', async () => {
    const file = lines(
      'identifiant,type,courriel,nom,téléphone',
      '4243,licence,f@example.org,Fanny',
      '77,licence,x@,Bad',
      '88,membre,y@example.org,Yves',
      '"99,licence,z@example.org,Zoé',
    );
    const report = await importAccounts(file, { dryRun: true, locale: 'fr' });
    expect(report.warnings).toEqual([
      { line: 1, message: 'la colonne "téléphone" est inconnue : elle a été ignorée' },
      { line: 2, message: 'le numéro de licence "4243" a été complété en "00004243" (un tableur a sans doute retiré ses zéros de tête)' },
    ]);
    expect(report.errors).toEqual([
      { line: 3, message: 'l’adresse e-mail "x@" n’est pas valide' },
      { line: 4, message: 'le type (kind) "membre" n’est ni "licence" ni "client"' },
      { line: 5, message: 'un champ entre guillemets n’est jamais fermé (il manque un "), donc cette ligne et toutes les suivantes n’ont pas été lues' },
    ]);
  });

  it('refuses locales and roles it does not know, and text-direction tricks in names', async () => {
    const report = await importAccounts(
      lines('identifier,kind,email,name,locale,role', '10000001,licence,a@example.org,A,de,', '10000002,licence,b@example.org,B,,boss', '10000003,licence,c@example.org,evil\u202Egnp.exe,,'),
      { dryRun: false },
    );
    expect(report.errors).toEqual([
      { line: 2, message: 'locale "de" is not "fr" or "en"' },
      { line: 3, message: 'role "boss" is not "member" or "admin"' },
      { line: 4, message: 'name contains a text-direction override character' },
    ]);
    expect(report.created).toBe(0);
  });

  it('stops at a header without the required columns, and ignores unknown ones with a warning', async () => {
    const missing = await importAccounts(lines('identifier;email;nom', '123;a@example.org;A'), { dryRun: false });
    expect(missing.errors).toEqual([
      { line: 1, message: 'the header must name the columns identifier, kind, email, name (and optionally locale, role); missing: kind' },
    ]);
    expect(missing.created).toBe(0);
    expect(await countAccounts()).toBe(7);

    const extra = await importAccounts(lines('identifier,kind,email,name,phone', '10000001,licence,a@example.org,A,0600000000'), { dryRun: false });
    expect(extra).toMatchObject({ created: 1, errors: [], warnings: [{ line: 1, message: 'column "phone" is not known and was ignored' }] });

    expect((await importAccounts('', { dryRun: false })).errors).toEqual([{ line: 1, message: expect.stringContaining('empty') }]);
  });

  it('updates on re-import and never touches passwords, status or other accounts', async () => {
    const before = await account('00123456');
    const pending = await account('00067890');
    const file = lines(
      'identifier,kind,email,name',
      '123456,licence,Marie.Nouvelle@example.org,Marie Dupont-Nouvelle', // active, has a password
      '00067890,licence,paul.martin@example.org,Paul Martin', // exactly as stored
      '10005,client,contact@papeterie-exemple.fr,Papeterie Exemple SARL',
      '30000001,licence,new@example.org,New Person',
    );
    const first = await importAccounts(file, { dryRun: false });
    expect(first).toMatchObject({ rows: 4, created: 1, updated: 2, unchanged: 1, errors: [] });

    const after = await account('00123456');
    expect(after).toMatchObject({ email: 'marie.nouvelle@example.org', name: 'Marie Dupont-Nouvelle', status: 'active', role: 'member', locale: 'fr' });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.activatedAt).toEqual(before.activatedAt);
    expect(after.id).toBe(before.id);
    expect(await account('00067890')).toEqual(pending);
    expect(await account('10005')).toMatchObject({ name: 'Papeterie Exemple SARL', status: 'active' });

    const again = await importAccounts(file, { dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await countAccounts()).toBe(8);
    expect(await getDb().select({ identifier: accounts.identifier }).from(accounts).where(eq(accounts.identifier, '00123456'))).toHaveLength(1);
  });

  it('keeps locale and role when the file leaves them out, and warns when a role changes', async () => {
    await getDb().update(accounts).set({ locale: 'en' }).where(eq(accounts.identifier, '00024680'));
    const withoutColumns = await importAccounts(lines('identifier,kind,email,name', '00024680,licence,famille.durand@example.org,Léa D.'), {
      dryRun: false,
    });
    expect(withoutColumns).toMatchObject({ updated: 1, warnings: [] });
    expect(await account('00024680')).toMatchObject({ locale: 'en', role: 'member', name: 'Léa D.' });

    const emptyCells = await importAccounts(lines('identifier,kind,email,name,locale,role', '00000001,licence,admin@example.org,Administrateur Sésame,,'), {
      dryRun: false,
    });
    expect(emptyCells).toMatchObject({ unchanged: 1, warnings: [] });

    const demoted = await importAccounts(
      lines('identifier,kind,email,name,locale,role', '00000001,licence,admin@example.org,Administrateur Sésame,fr,member'),
      { dryRun: false },
    );
    expect(demoted).toMatchObject({ updated: 1, warnings: [{ line: 2, message: 'account "00000001" changes role from admin to member, which ends its open sessions' }] });
    expect(await account('00000001')).toMatchObject({ role: 'member', status: 'active' });
  });

  it('writes nothing on a dry run, yet counts what would change', async () => {
    const snapshot = async () => ({
      accounts: await getDb().select().from(accounts).orderBy(asc(accounts.identifier)),
      audit: await getDb().select().from(auditEvents),
    });
    const before = await snapshot();
    const report = await importAccounts(
      lines('identifier,kind,email,name', '123456,licence,marie@example.org,Marie', '40000001,licence,n@example.org,N', '10006,client,achats@librairie-exemple.fr,Librairie Exemple', 'bad,licence,x@example.org,X'),
      { dryRun: true },
    );
    expect(report).toMatchObject({ rows: 4, created: 1, updated: 1, unchanged: 1, errors: [{ line: 5 }], warnings: [{ line: 2 }] });
    expect(await snapshot()).toEqual(before);
  });

  it('writes in batches, reports progress and finds duplicates across batches', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${50_000_000 + i},licence,m${i}@example.org,Member ${i}`);
    rows.push('50000002,licence,dup@example.org,Duplicate');
    const progress: [number, number][] = [];
    const report = await importAccounts(lines('identifier,kind,email,name', ...rows), {
      dryRun: false,
      batchSize: 3,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(report).toMatchObject({ rows: 11, created: 10, errors: [{ line: 12, message: 'identifier "50000002" already appears on line 4; this line was ignored' }] });
    expect(progress).toEqual([[3, 11], [6, 11], [9, 11], [11, 11]]);
    expect(await countAccounts()).toBe(17);
  });
});

describe('createAccount', () => {
  it('creates a pending account and refuses an identifier already in use', async () => {
    const { account: created, warnings } = await createAccount({ identifier: '777', kind: 'licence', email: 'New@Example.org', name: ' Nouveau ', role: 'admin' });
    expect(created).toMatchObject({ identifier: '00000777', email: 'new@example.org', name: 'Nouveau', role: 'admin', status: 'pending', passwordHash: null });
    expect(warnings).toEqual([expect.stringContaining('padded to "00000777"')]);
    await expect(createAccount({ identifier: '00000777', kind: 'licence', email: 'other@example.org', name: 'Other' })).rejects.toThrow(
      'An account with the identifier "00000777" already exists',
    );
    await expect(createAccount({ identifier: '1', kind: 'licence', email: 'nope', name: 'X' })).rejects.toThrow('email "nope" is not a valid address');
  });
});
