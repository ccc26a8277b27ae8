import { z } from 'zod';
import { DisplayName } from '../../../shared/people';
import { InvitationRequest, LoginRequest } from '../../../shared/sync/auth-api';

/** The first-start form without accounts: a display name. */
export const WelcomeForm = z.object({ name: DisplayName });

/** The sign-in form: the contract's login request, with the name trimmed as typed. */
export const LoginForm = LoginRequest.extend({ login: z.string().trim().min(1).max(128) });
export type LoginForm = z.infer<typeof LoginForm>;

/** The invitation form: the contract's invitation request plus the repeated password, which must match. */
export const InvitationForm = InvitationRequest.extend({ code: z.string().trim().min(1).max(256), repeat: z.string() }).refine(
  (form) => form.password === form.repeat,
  { path: ['repeat'], message: 'mismatch' },
);
export type InvitationForm = z.infer<typeof InvitationForm>;
