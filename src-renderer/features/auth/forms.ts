import { z } from 'zod';
import { DisplayName } from '../../../shared/people';
import { InvitationRequest, LoginRequest, PASSWORD_MIN_LENGTH } from '../../../shared/sync/auth-api';

/** The first-start form without accounts: a display name. */
export const WelcomeForm = z.object({ name: DisplayName });

/** The sign-in form: the contract's login request, with the name trimmed as typed. */
export const LoginForm = LoginRequest.extend({ login: z.string().trim().min(1).max(128) });
export type LoginForm = z.infer<typeof LoginForm>;

/** The invitation form: the contract's invitation request plus the repeated password, which must match; as long as the server requires. */
export const InvitationForm = InvitationRequest.extend({
  code: z.string().trim().min(1).max(256),
  password: InvitationRequest.shape.password.min(PASSWORD_MIN_LENGTH),
  repeat: z.string(),
}).refine(
  (form) => form.password === form.repeat,
  { path: ['repeat'], message: 'mismatch' },
);
export type InvitationForm = z.infer<typeof InvitationForm>;
