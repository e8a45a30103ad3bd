import bcrypt from 'bcryptjs'

// Account passwords: bcrypt (bcryptjs, pure JavaScript), cost 12 unless ORDERMYS_BCRYPT_COST
// lowers it for tests (each +1 doubles the time; 12 is about a quarter of a second here).

export const MIN_PASSWORD_LENGTH = 12
/** bcrypt reads at most 72 bytes: a longer password would be silently cut. */
export const MAX_PASSWORD_BYTES = 72
export const DEFAULT_BCRYPT_COST = 12

/** The cost from ORDERMYS_BCRYPT_COST (4–15), else 12. */
export function bcryptCost(env: Record<string, string | undefined> = process.env): number {
  const raw = env.ORDERMYS_BCRYPT_COST
  if (raw === undefined || raw === '') return DEFAULT_BCRYPT_COST
  const cost = Number(raw)
  if (!Number.isInteger(cost) || cost < 4 || cost > 15) {
    throw new Error(`ORDERMYS_BCRYPT_COST must be a whole number from 4 to 15 (got "${raw}")`)
  }
  return cost
}

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return `The password must fit in ${MAX_PASSWORD_BYTES} bytes (bcrypt ignores the rest).`
  return null
}

export function hashPassword(password: string, cost = bcryptCost()): Promise<string> {
  return bcrypt.hash(password, cost)
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash)
}

// Compared against when the email has no account, so that the answer takes as long as for a
// wrong password (the time would otherwise tell which emails have accounts). Computed once.
let dummyHash: Promise<string> | undefined

export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('no account has this password', bcryptCost())
  await bcrypt.compare(password, await dummyHash)
  return false
}
