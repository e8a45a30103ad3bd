// Credentials → users. Password: bcrypt ($2y$…) or, for older accounts, an md5 hex digest (reset
// forced). A value that is neither (empty, plain text, another digest) is not copied — it may be a
// plain-text password: password_hash and password_algo are NULL (nothing to check a password
// against, and no algorithm to claim), must_reset_password true. Password values never appear in
// issues.

import { z } from 'zod'
import { describePasswordShape, passwordAlgo } from '@/lib/convert/password-hash'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyRawText, legacyRef, legacyText, unixSeconds } from './columns'

export const credentials = defineMapping({
  legacyTable: 'Credentials',
  targetTable: 'users',
  targetModel: 'User',
  dependsOn: ['UserTypes'],
  row: z.object({
    ID: legacyId,
    UserName: legacyText({ default: '' }),
    Password: legacyRawText({ default: '' }),
    UserType: legacyRef,
    Email: legacyText(),
    LastLogin: unixSeconds(), // 0 = never: NULL, no issue (the legacy schema documents it)
    Deleted: legacyFlag({ default: 0 }),
  }),
  map: (r, ctx) => {
    const algo = passwordAlgo(r.Password)
    if (algo === 'md5') {
      ctx.warn('MD5_PASSWORD', 'Password', 'Password is an md5 digest; imported with must_reset_password.')
    } else if (algo === null) {
      ctx.warn('UNKNOWN_PASSWORD_HASH', 'Password', `Password ${describePasswordShape(r.Password)}; it is not copied (password_hash left NULL) and the user must reset the password.`)
    }
    return {
      id: ctx.uuidFor('Credentials', r.ID),
      legacyId: r.ID,
      username: r.UserName,
      email: r.Email,
      ...ctx.ref('roleId', 'UserType', 'UserTypes', r.UserType),
      passwordHash: algo === null ? null : r.Password,
      passwordAlgo: algo,
      mustResetPassword: algo !== 'bcrypt',
      lastLoginAt: r.LastLogin,
      deletedAt: ctx.deletedAt(r.Deleted),
      createdAt: ctx.importTime,
      updatedAt: ctx.importTime,
    }
  },
})
