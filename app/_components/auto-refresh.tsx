'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

/**
 * While `active`, asks the server for a fresh render of the page every `intervalMs`: long work
 * lives in the database and the server process, so a refresh is all the page needs to follow it
 * (and a reload shows the same thing).
 */
export function AutoRefresh({ active, intervalMs = 1000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter()
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => router.refresh(), intervalMs)
    return () => clearInterval(timer)
  }, [active, intervalMs, router])
  return null
}
