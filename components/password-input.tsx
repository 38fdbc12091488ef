'use client';

import { useEffect, useState, type ComponentProps } from 'react';
import { useT } from '@/components/i18n-provider';
import { Field } from '@/components/ui/field';

/** A password field with a "show" toggle; the toggle only appears once scripts run. */
export function PasswordInput(props: Omit<ComponentProps<typeof Field>, 'type' | 'addon'>) {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  const [visible, setVisible] = useState(false);
  // Rendering the toggle only after hydration keeps the no-JavaScript page free of a dead button.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setHydrated(true), []);
  return (
    <Field
      {...props}
      type={visible ? 'text' : 'password'}
      spellCheck={false}
      autoCapitalize="none"
      addon={
        hydrated && (
          <button
            type="button"
            className="field__addon"
            aria-pressed={visible}
            aria-controls={props.id}
            aria-label={t('signIn.showPassword')}
            onClick={() => setVisible((v) => !v)}
          >
            {t('signIn.show')}
          </button>
        )
      }
    />
  );
}
