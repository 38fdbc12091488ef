import type { SessionUser } from '@/lib/sessions/sessions';

declare module 'next-auth' {
  interface User {
    sessionId?: string;
    remember?: boolean;
  }
  interface Session {
    user: SessionUser;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    sid?: string;
    remember?: boolean;
  }
}
