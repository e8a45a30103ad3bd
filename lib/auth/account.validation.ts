import { z } from 'zod'
import { passwordProblem } from './password'
import { roles } from './roles'

// Inputs of the sign-in and account forms (server actions, the JSON session API, the setup page).

/** An email as stored: trimmed, lower-cased. */
export const emailInput = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'The email is too long.')
  .pipe(z.email({ message: 'Enter an email address.' }))

/** A new password: at least 12 characters, at most 72 bytes (what bcrypt reads). */
export const newPasswordInput = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

export const signInInput = z.object({
  // Not validated as an email: a typo must cost a failed attempt like a wrong password.
  email: z.string().trim().toLowerCase().min(1, 'Enter your email.').max(254),
  password: z.string().min(1, 'Enter your password.').max(1024),
})
export type SignInInput = z.infer<typeof signInInput>

export const setupInput = z.object({ email: emailInput, password: newPasswordInput })
export type SetupInput = z.infer<typeof setupInput>

export const createAccountInput = z.object({ email: emailInput, role: z.enum(roles), password: newPasswordInput })
export type CreateAccountInput = z.infer<typeof createAccountInput>

export const disableAccountInput = z.object({ accountId: z.uuid() })
export type DisableAccountInput = z.infer<typeof disableAccountInput>
