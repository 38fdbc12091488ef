import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { RedirectAction } from '@/lib/forms/state';
import type { Translate } from '@/lib/i18n/messages';

/**
 * "Fermer toutes mes autres sessions", under the list of sessions: one form, one button, shown
 * while another session is open; after it, how many ended. Works without JavaScript. `action` is
 * app/espace/actions.ts's endAllOtherSessionsAction, handed down by the page.
 */
export function CloseOtherSessions({ action, t, others, closed }: { action: RedirectAction; t: Translate; others: number; closed: number | null }) {
  return (
    <div className="other-sessions">
      {closed !== null && (
        <Alert tone="success">
          <p>{t('selfService.sessions.closed', { count: closed })}</p>
        </Alert>
      )}
      {others > 0 && (
        <form action={action} className="other-sessions__form">
          <p id="close-others-hint" className="muted">
            {t('selfService.sessions.closeOthersHint')}
          </p>
          <Button type="submit" variant="secondary" aria-describedby="close-others-hint">
            {t('selfService.sessions.closeOthers')}
          </Button>
        </form>
      )}
    </div>
  );
}
