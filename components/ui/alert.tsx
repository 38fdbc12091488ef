import type { ReactNode } from 'react';

/** A message about the whole form. Errors are announced at once; confirmations politely. */
export function Alert({ tone, children, id }: { tone: 'error' | 'success' | 'info'; children: ReactNode; id?: string }) {
  return (
    <div id={id} className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
