import type { ReactNode } from 'react';

type CardProps = {
  /** The heading's id: the section is labelled by its heading. */
  id: string;
  title: ReactNode;
  /** The small capitals of the sign-in page's two blocks. */
  caps?: boolean;
  className?: string;
  children: ReactNode;
};

/** A titled block of a page: a section labelled by its heading. */
export function Card({ id, title, caps, className, children }: CardProps) {
  return (
    <section className={`card${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 id={id} className={`card__title${caps ? ' card__title--caps' : ''}`}>
        {title}
      </h2>
      {children}
    </section>
  );
}
