import { hash, verify } from '@node-rs/argon2'

/**
 * Password hashing with argon2id (OWASP 2024 parameters: m = 19 MiB, t = 2, p = 1). The encoded hash carries its
 * parameters, so they can be raised later and old hashes still verify.
 */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(encoded: string, password: string): Promise<boolean> {
  try {
    return await verify(encoded, password)
  } catch {
    return false
  }
}

/**
 * A hash of a random password, verified against when the username does not exist so that a login for an unknown
 * user takes as long as one for a known user (no user enumeration by timing).
 */
let dummy: Promise<string> | undefined
export function dummyHash(): Promise<string> {
  dummy ??= hash(crypto.randomUUID(), OPTIONS)
  return dummy
}
