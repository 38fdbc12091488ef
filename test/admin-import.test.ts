import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { confirmImport, IMPORT_MAX_BYTES, loadImport, prepareImport, readUpload } from '@/lib/accounts/browser-import';
import { importAccounts } from '@/lib/accounts/import';
import { advanceClock, HOUR } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accountImports, accounts, auditEvents } from '@/lib/db/schema';
import { refusalPage } from '@/lib/http/refusals';
import { request, resetDatabase } from './database';

const CSV = '\uFEFFidentifier;kind;email;name\r\n777001;licence;jeanne@example.test;Jeanne Martin\r\n00777002;licence;pas-une-adresse;Paul\r\n=1+1;licence;x@example.test;Formule\r\n00123456;licence;marie.dupont@example.org;Marie Dupont (club)\r\n';
let admin: { id: string; request: typeof request };
let other: { id: string; request: typeof request };

const file = (content: BlobPart[], name = 'membres.csv', type = 'text/csv') => new File(content, name, { type });
const account = async (identifier: string) => (await getDb().select().from(accounts).where(eq(accounts.identifier, identifier)))[0];

beforeEach(async () => {
  await resetDatabase();
  const [row] = await getDb().select({ id: accounts.id }).from(accounts).where(eq(accounts.identifier, '00000001'));
  admin = { id: row.id, request };
  const [second] = await getDb().insert(accounts).values({ identifier: '00000002', kind: 'licence', email: 'admin2@example.test', role: 'admin' }).returning();
  other = { id: second.id, request };
});
afterAll(closeDb);

describe('an uploaded file', () => {
  it('is read as the command line reads it (UTF-8 or Windows-1252)', async () => {
    expect(await readUpload(file([CSV]))).toEqual({ ok: true, name: 'membres.csv', text: CSV });
    const latin1 = new Uint8Array([...new TextEncoder().encode('identifier;kind;email;name\r\n1;licence;a@b.fr;Zo'), 0xe9]);
    expect(await readUpload(file([latin1]))).toMatchObject({ ok: true, text: expect.stringContaining('Zoé') });
  });

  it('is refused when missing, empty, over the limit or not a CSV file', async () => {
    expect(await readUpload(null)).toEqual({ ok: false, problem: 'missing' });
    expect(await readUpload('text')).toEqual({ ok: false, problem: 'missing' });
    expect(await readUpload(file([], ''))).toEqual({ ok: false, problem: 'missing' });
    expect(await readUpload(file([]))).toEqual({ ok: false, problem: 'empty' });
    expect(await readUpload(file(['x'.repeat(IMPORT_MAX_BYTES + 1)]))).toEqual({ ok: false, problem: 'tooLarge' });
    expect(await readUpload(file([new Uint8Array(50 * 1024 * 1024)]))).toEqual({ ok: false, problem: 'tooLarge' });
    expect(await readUpload(file([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2])], 'membres.csv'))).toEqual({ ok: false, problem: 'notCsv' });
    expect(await readUpload(file([CSV], 'membres.xlsx'))).toEqual({ ok: false, problem: 'notCsv' });
    expect(await readUpload(file(['a;b\0c'], 'membres.csv'))).toEqual({ ok: false, problem: 'notCsv' });
  });
});

describe('the 413 page', () => {
  it('states the import limit in both languages on the import page only', () => {
    const page = refusalPage({ status: 413, reason: 'tooLarge' }, '/admin/comptes/import');
    expect(page).toContain('Ce fichier dépasse la taille maximale de 1 Mo');
    expect(page).toContain('This file is over the 1 MB maximum');
    expect(page).toContain('href="/admin/comptes/import"');
    expect(refusalPage({ status: 413, reason: 'tooLarge' }, '/connexion')).not.toContain('1 Mo');
  });
});

describe('importing from the browser', () => {
  it('reports the dry run of the command line, changes nothing, then imports the same file once confirmed', async () => {
    const expected = await importAccounts(CSV, { dryRun: true });
    const id = await prepareImport('membres.csv', CSV, admin);
    const waiting = await loadImport(id, admin.id);
    expect(waiting).toMatchObject({ fileName: 'membres.csv', confirmable: true, result: null, dryRun: expected });
    expect(expected).toMatchObject({ rows: 4, created: 1, updated: 1, unchanged: 0 });
    expect(expected.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(await account('00777001')).toBeUndefined();
    // The file waits sealed, never as text.
    const [row] = await getDb().select().from(accountImports).where(eq(accountImports.id, id));
    expect(row.content).not.toContain('jeanne');

    const report = await confirmImport(id, admin);
    expect(report).toMatchObject({ created: 1, updated: 1, errors: expected.errors });
    expect(await account('00777001')).toMatchObject({ email: 'jeanne@example.test', status: 'pending' });
    expect((await account('00123456')).name).toBe('Marie Dupont (club)');
    expect(await loadImport(id, admin.id)).toMatchObject({ confirmable: false, result: report });
    const [emptied] = await getDb().select().from(accountImports).where(eq(accountImports.id, id));
    expect(emptied.content).toBe('');
    const audits = await getDb().select().from(auditEvents).where(eq(auditEvents.type, 'admin_accounts_imported'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: admin.id, ip: request.ip, details: { importId: id, file: 'membres.csv', created: 1, updated: 1, errors: 2 } });
  });

  it('imports a file once, for the admin who sent it, within an hour', async () => {
    const id = await prepareImport('membres.csv', CSV, admin);
    expect(await confirmImport(id, other)).toBeNull();
    expect(await loadImport(id, other.id)).toBeNull();
    expect(await account('00777001')).toBeUndefined();
    const [first, second] = await Promise.all([confirmImport(id, admin), confirmImport(id, admin)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await confirmImport(id, admin)).toBeNull();

    const late = await prepareImport('membres.csv', CSV.replace('777001', '777009'), admin);
    advanceClock(HOUR + 1000);
    expect(await loadImport(late, admin.id)).toMatchObject({ confirmable: false });
    expect(await confirmImport(late, admin)).toBeNull();
    expect(await account('00777009')).toBeUndefined();
    expect(await confirmImport('not-a-uuid', admin)).toBeNull();
  });
});
