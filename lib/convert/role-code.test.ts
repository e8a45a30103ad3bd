import { describe, expect, it } from 'vitest'
import { roleCodeFromId, roleCodeFromName } from './role-code'

describe('roleCodeFromName', () => {
  it.each([
    { name: 'Administrator', want: 'administrator' },
    { name: ' ADMIN ', want: 'administrator' },
    { name: 'Fitter', want: 'fitter' },
    { name: 'Factory', want: 'factory' },
    { name: 'Supervisor', want: 'supervisor' },
    { name: 'Customer service', want: 'customer_service' },
    { name: 'Customer Service', want: 'customer_service' },
    { name: 'customer_service', want: 'customer_service' },
    { name: 'Customer-Service', want: 'customer_service' },
    { name: 'Guest', want: null },
    { name: '', want: null },
    { name: 'constructor', want: null },
  ])('$name → $want', ({ name, want }) => {
    expect(roleCodeFromName(name)).toBe(want)
  })
})

describe('roleCodeFromId', () => {
  it.each([
    { id: 1, want: 'administrator' },
    { id: 2, want: 'fitter' },
    { id: 3, want: 'factory' },
    { id: 4, want: 'supervisor' },
    { id: 5, want: 'customer_service' },
    { id: 6, want: null },
    { id: 0, want: null },
  ])('$id → $want', ({ id, want }) => {
    expect(roleCodeFromId(id)).toBe(want)
  })
})
