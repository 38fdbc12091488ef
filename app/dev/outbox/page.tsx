import { desc } from 'drizzle-orm';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { emailOutbox } from '@/lib/db/schema';
import { fromThisMachine } from '@/lib/http/loopback';
import { dateFormat } from '@/lib/i18n/format';
import { openedBody } from '@/lib/mail/queue';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Boîte d’envoi locale', robots: { index: false } };

const STATUS = { pending: 'en attente', sent: 'envoyé', failed: 'échec' } as const;
const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;
const date = dateFormat('fr', { dateStyle: 'short', timeStyle: 'medium' });

/** The text body with its web addresses made clickable (reset links are what developers need). */
function Linkified({ text }: { text: string }) {
  return text.split(URL_PATTERN).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

/**
 * Development only: the last emails of the queue, as the local outbox "sends" them. It exists with
 * DEV_TOOLS=1 (refused in production) and for a browser on this machine only, as the socket says.
 */
export default async function DevOutboxPage() {
  // The socket's address, never X-Forwarded-For alone (lib/http/loopback.ts): `npm run dev` runs server.mjs for it.
  if (!getConfig().devTools || !fromThisMachine(await headers())) notFound();
  const rows = await getDb().select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(50);

  return (
    <div className="stack" lang="fr">
      <h1>Boîte d’envoi locale</h1>
      <p className="muted">
        Les 50 derniers e-mails de la file d’envoi, les plus récents en premier. Cette page n’existe qu’avec
        DEV_TOOLS=1, pour un navigateur de cette machine.
      </p>
      {rows.length === 0 ? (
        <p>Aucun e-mail pour l’instant.</p>
      ) : (
        <>
          <div style={{ overflowX: 'auto' }}>
            <table style={{ width: '100%', borderCollapse: 'collapse' }}>
              <caption style={{ textAlign: 'left', fontWeight: 'bold' }}>E-mails ({rows.length})</caption>
              <thead>
                <tr>
                  <th scope="col" style={{ textAlign: 'left' }}>Destinataire</th>
                  <th scope="col" style={{ textAlign: 'left' }}>Objet</th>
                  <th scope="col" style={{ textAlign: 'left' }}>État</th>
                  <th scope="col" style={{ textAlign: 'left' }}>Créé le</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>{row.to}</td>
                    <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal' }}>
                      <a href={`#message-${row.id}`}>{row.subject}</a>
                    </th>
                    <td>
                      {STATUS[row.status]}
                      {row.status !== 'sent' && row.attempts > 0 && ` (${row.attempts} essai${row.attempts > 1 ? 's' : ''})`}
                    </td>
                    <td>
                      <time dateTime={row.createdAt.toISOString()}>{date.format(row.createdAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>Messages</h2>
          {rows.map((row) => (
            <section key={row.id} id={`message-${row.id}`} className="card" aria-labelledby={`subject-${row.id}`}>
              <h3 id={`subject-${row.id}`} className="card__title">
                {row.subject}
              </h3>
              <p className="muted">
                À {row.to} · {STATUS[row.status]} · {date.format(row.createdAt)}
                {row.lastError && ` · dernière erreur : ${row.lastError}`}
              </p>
              <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>
                <Linkified text={openedBody(row).text} />
              </pre>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
