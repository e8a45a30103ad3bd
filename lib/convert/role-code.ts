// UserTypes → roles.code. The legacy ids are documented (1 Administrator, 2 Fitter, 3 Factory,
// 4 Supervisor, 5 Customer service), but the name is what people saw and edited, so the name decides;
// the id is the fallback when the name is not recognised (the mapping then warns UNKNOWN_ROLE).

export type RoleCode = 'administrator' | 'fitter' | 'factory' | 'supervisor' | 'customer_service'

const BY_NAME: Record<string, RoleCode> = {
  administrator: 'administrator',
  admin: 'administrator',
  fitter: 'fitter',
  factory: 'factory',
  supervisor: 'supervisor',
  customerservice: 'customer_service',
}

const BY_ID: Record<number, RoleCode> = {
  1: 'administrator',
  2: 'fitter',
  3: 'factory',
  4: 'supervisor',
  5: 'customer_service',
}

/** 'Customer service', 'customer_service', ' ADMINISTRATOR ' → the code; unknown → null. */
export function roleCodeFromName(typeName: string): RoleCode | null {
  const key = typeName.toLowerCase().replace(/[\s_\-.]+/g, '')
  return Object.hasOwn(BY_NAME, key) ? BY_NAME[key] : null
}

/** The documented legacy UserTypes.ID → code; unknown → null. */
export function roleCodeFromId(legacyId: number): RoleCode | null {
  return Object.hasOwn(BY_ID, legacyId) ? BY_ID[legacyId] : null
}
