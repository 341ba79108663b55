// The provider's storage (oidc-provider's adapter interface) on the Launchpad's database, so every process
// on one database shares sessions, grants, codes and tokens. Clients are not stored here: they are the
// registered instances, read on each lookup so a disabled or deleted instance is gone at once.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../db/connect.js';
import {
  consumeArtifact,
  deleteArtifact,
  deleteArtifactsOfGrant,
  findArtifact,
  upsertArtifact,
} from '../db/queries/oidc-artifacts.js';
import { enabledInstance, type InstanceClient } from '../services/instance-sign-in.js';

export interface AdapterDeps {
  db: Db;
  now: () => number;
}

/** The metadata oidc-provider builds a Client from. `client_secret` holds the hash (see provider.ts). */
export function clientMetadata(i: InstanceClient): AdapterPayload {
  return {
    client_id: i.id,
    client_name: i.name,
    client_secret: i.secretHash,
    redirect_uris: i.redirectUris,
    post_logout_redirect_uris: i.postLogoutRedirectUri ? [i.postLogoutRedirectUri] : [],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
    launchpad_designers_only: i.designersOnly,
  };
}

class ClientAdapter implements Adapter {
  constructor(private readonly deps: AdapterDeps) {}
  async find(id: string): Promise<AdapterPayload | undefined> {
    const instance = await enabledInstance(this.deps, id);
    return instance ? clientMetadata(instance) : undefined;
  }
  // Instances are registered in the Launchpad, never through the protocol (no dynamic registration).
  async upsert(): Promise<void> {
    throw new Error('instances are registered in the Launchpad, not through the provider');
  }
  async findByUserCode() {
    return undefined;
  }
  async findByUid() {
    return undefined;
  }
  async consume() {}
  async destroy() {}
  async revokeByGrantId() {}
}

class ArtifactAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly deps: AdapterDeps,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    await upsertArtifact(this.deps.db, {
      model: this.model,
      id,
      payload: JSON.stringify(payload),
      grantId: payload.grantId ?? null,
      uid: payload.uid ?? null,
      userCode: payload.userCode ?? null,
      clientId: payload.clientId ?? null,
      accountId: payload.accountId ?? null,
      expiresAt: expiresIn ? this.deps.now() + expiresIn * 1000 : null,
    });
  }

  private async findBy(column: 'id' | 'uid' | 'user_code', value: string): Promise<AdapterPayload | undefined> {
    const row = await findArtifact(this.deps.db, this.model, { column, value }, this.deps.now());
    if (!row) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumedAt === null ? payload : { ...payload, consumed: Math.floor(row.consumedAt / 1000) };
  }

  find(id: string) {
    return this.findBy('id', id);
  }
  findByUid(uid: string) {
    return this.findBy('uid', uid);
  }
  findByUserCode(userCode: string) {
    return this.findBy('user_code', userCode);
  }
  async consume(id: string): Promise<void> {
    await consumeArtifact(this.deps.db, this.model, id, this.deps.now());
  }
  async destroy(id: string): Promise<void> {
    await deleteArtifact(this.deps.db, this.model, id);
  }
  async revokeByGrantId(grantId: string): Promise<void> {
    await deleteArtifactsOfGrant(this.deps.db, grantId);
  }
}

/** oidc-provider's `adapter` option: a factory called with each model's name. */
export function adapterFactory(deps: AdapterDeps): (model: string) => Adapter {
  return (model) => (model === 'Client' ? new ClientAdapter(deps) : new ArtifactAdapter(model, deps));
}
