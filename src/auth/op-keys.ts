// The OpenID Provider's signing keys: RSA (RS256, what every relying party accepts), the private JWK kept in
// the database encrypted with AES-256-GCM under a key derived from the server secret, so a copy of the
// database alone cannot sign tokens. Only the public halves are ever served (the provider's JWKS endpoint).
import { createCipheriv, createDecipheriv, createHmac, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import type { Executor } from '../db/connect.js';
import { deleteRetiredKeys, insertSigningKey, listSigningKeys } from '../db/queries/oidc-keys.js';
import { randomId } from './tokens.js';

/** ID tokens live this long; a superseded key stays published this long and a margin more. */
export const ID_TOKEN_TTL_SECONDS = 3600;
export const RETIRED_KEY_KEPT_MS = (ID_TOKEN_TTL_SECONDS + 3600) * 1000;

export type PrivateJwk = JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };

const encryptionKey = (serverSecret: string) => createHmac('sha256', serverSecret).update('launchpad:oidc-signing-keys:v1').digest();

export function encryptJwk(serverSecret: string, jwk: PrivateJwk): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(serverSecret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(jwk), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The key, or null when it was encrypted under another server secret (or tampered with). */
export function decryptJwk(serverSecret: string, stored: string): PrivateJwk | null {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', encryptionKey(serverSecret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const json = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(json) as PrivateJwk;
  } catch {
    return null;
  }
}

export function generateSigningKey(): PrivateJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomId(16), alg: 'RS256', use: 'sig' };
}

/** Adds a key that signs from now on; older keys stay published until RETIRED_KEY_KEPT_MS after they retire. */
export async function addSigningKey(db: Executor, serverSecret: string, now: number): Promise<{ kid: string; dropped: number }> {
  const jwk = generateSigningKey();
  await insertSigningKey(db, { id: jwk.kid, encryptedJwk: encryptJwk(serverSecret, jwk), at: now });
  const dropped = await deleteRetiredKeys(db, now - RETIRED_KEY_KEPT_MS);
  return { kid: jwk.kid, dropped };
}

/**
 * The published keys, the one that signs first. A new key is published at once but signs only once it is
 * `publishFirstMs` old, so every process lists it in its JWKS before a token signed with it exists; until
 * then the key it replaces signs (on a first start there is no other: the new key signs at once). Keys this
 * server secret cannot open are left out.
 */
export async function loadSigningKeys(db: Executor, serverSecret: string, now: number, publishFirstMs: number): Promise<PrivateJwk[]> {
  const rows = (await listSigningKeys(db)).filter((r) => decryptJwk(serverSecret, r.encryptedJwk) !== null);
  const signer = rows.find((r) => r.createdAt <= now - publishFirstMs) ?? rows[1] ?? rows[0];
  const ordered = signer ? [signer, ...rows.filter((r) => r !== signer)] : [];
  return ordered.map((r) => decryptJwk(serverSecret, r.encryptedJwk)!);
}
