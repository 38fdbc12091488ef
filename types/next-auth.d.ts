import type { SessionUser } from '@/lib/sessions/sessions';

declare module 'next-auth' {
  interface User {
    sessionId?: string;
    remember?: boolean;
    secondFactor?: 'pending' | 'enrol' | null;
  }
  interface Session {
    user: SessionUser;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    sid?: string;
    remember?: boolean;
    /** The second step the sign-in decided (lib/sign-in/opened-session.ts). */
    step?: 'pending' | 'enrol' | null;
  }
}
