// The discovery documents say what the service provider does, and describe what it keeps.
import { describe, expect, it } from 'vitest';
import { discoveryList, resourceTypes, schemas, serviceProviderConfig } from '../../../src/domain/scim/discovery.js';

const CTX = { baseUrl: 'https://launchpad.example.com/scim/v2' };

describe('ServiceProviderConfig', () => {
  it('announces PATCH, filters up to 200 results, ETags and bearer tokens; no bulk, sort or password change', () => {
    expect(serviceProviderConfig(CTX)).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
      meta: { resourceType: 'ServiceProviderConfig', location: 'https://launchpad.example.com/scim/v2/ServiceProviderConfig' },
    });
  });
});

describe('ResourceTypes', () => {
  it('lists User (with the Launchpad extension) and Group', () => {
    expect(resourceTypes(CTX).map((t) => [t.id, t.endpoint, t.schema, t.schemaExtensions?.map((e) => e.schema) ?? []])).toEqual([
      ['User', '/Users', 'urn:ietf:params:scim:schemas:core:2.0:User', ['urn:ietf:params:scim:schemas:extension:launchpad:2.0:User']],
      ['Group', '/Groups', 'urn:ietf:params:scim:schemas:core:2.0:Group', []],
    ]);
  });
});

describe('Schemas', () => {
  const all = schemas(CTX);
  const attributes = (id: string) => all.find((s) => s.id === id)!.attributes.map((a) => a.name);

  it('describe exactly the attributes the filters, mapping and PATCH handle', () => {
    expect(attributes('urn:ietf:params:scim:schemas:core:2.0:User')).toEqual(['userName', 'externalId', 'displayName', 'emails', 'active']);
    expect(attributes('urn:ietf:params:scim:schemas:core:2.0:Group')).toEqual(['displayName', 'externalId', 'members']);
    expect(attributes('urn:ietf:params:scim:schemas:extension:launchpad:2.0:User')).toEqual(['profile']);
  });

  it('say userName is required and unique, externalId case-exact, profile one of three', () => {
    const user = all[0]!.attributes;
    expect(user.find((a) => a.name === 'userName')).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
    expect(user.find((a) => a.name === 'externalId')).toMatchObject({ caseExact: true });
    expect(all[2]!.attributes[0]).toMatchObject({ canonicalValues: ['designer', 'explorer', 'reader'] });
  });

  it('come back as a ListResponse', () => {
    expect(discoveryList(all)).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 3 });
  });
});
