'use client';

import { useState, type ComponentProps } from 'react';
import { useT } from '@/components/i18n-provider';
import { Field } from '@/components/ui/field';
import { useHydrated } from '@/components/use-hydrated';

/** A password field with a "show" toggle; the toggle only appears once scripts run. */
export function PasswordInput(props: Omit<ComponentProps<typeof Field>, 'type' | 'addon'>) {
  const t = useT();
  const hydrated = useHydrated();
  const [visible, setVisible] = useState(false);
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
