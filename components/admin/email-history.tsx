import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { dateFormat } from '@/lib/i18n/format';
import type { Locale, MessageKey } from '@/lib/i18n/messages';
import { getTranslator } from '@/lib/http/locale';
import { emailHistory, HISTORY_LIMIT } from '@/lib/mail/history';
import { isWebhookSecret } from '@/lib/mail/webhook';

/** Every email sent to an account (the latest 30) and its state: queued, sent, delivered, failed with the reason, bounced, marked as spam. */
export async function EmailHistory({ accountId, locale }: { accountId: string; locale: Locale }) {
  const [t, emails] = await Promise.all([getTranslator(), emailHistory(accountId)]);
  const date = dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const templateLabel = (template: string) => {
    const key = `accounts.emails.kinds.${template}` as MessageKey;
    const label = t(key);
    return label === key ? template : label;
  };
  const tone = (state: string) => (['failed', 'bounced', 'complained'].includes(state) ? 'disabled' : state === 'delivered' || state === 'sent' ? 'active' : 'pending');

  return (
    <Card id="account-emails" title={t('accounts.emails.title')}>
      {!isWebhookSecret(process.env.RESEND_WEBHOOK_SECRET ?? '') && <p className="muted">{t('accounts.emails.webhookOff')}</p>}
      {emails.length === 0 ? (
        <p>{t('accounts.emails.none')}</p>
      ) : (
        <DataTable
          id="emails-caption"
          caption={t('accounts.emails.caption', { max: HISTORY_LIMIT })}
          columns={[t('accounts.emails.when'), t('accounts.emails.kind'), t('accounts.emails.to'), t('accounts.emails.state')]}
        >
          {emails.map((e) => (
            <tr key={e.id} data-testid="email-row">
              <td>
                <time dateTime={e.createdAt.toISOString()}>{date.format(e.createdAt)}</time>
              </td>
              <th scope="row">{templateLabel(e.template)}</th>
              <td className="table__email">{e.to}</td>
              <td>
                <span className={`badge badge--${tone(e.state)}`} data-testid="email-state">
                  {t(`accounts.emails.states.${e.state}`)}
                </span>
                {e.stateAt && <span className="email-history__detail">{t('accounts.emails.at', { date: date.format(e.stateAt) })}</span>}
                {e.detail && <span className="email-history__detail">{e.detail}</span>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
