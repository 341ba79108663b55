// Random tokens and their hashes. Every token is 120+ bits from the CSPRNG; only hashes are stored.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 symbols: 5 bits each, no look-alikes

/** A random string of `length` symbols from a 32-letter alphabet (5 bits each). */
export function randomId(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

/** 26 symbols = 130 bits. */
export function randomSecret(): string {
  return randomId(26);
}

export function sha256(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text).digest());
}

export function hmacSha256(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

/** Constant-time comparison of two hashes. */
export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

/** Splits `id.secret`; anything else is not a token. */
export function splitToken(token: string): { id: string; secret: string } | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!/^[a-z0-9]{8,64}$/.test(id) || !/^[a-z0-9]{16,64}$/.test(secret)) return null;
  return { id, secret };
}
