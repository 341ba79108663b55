// The discovery documents (RFC 7644 §4, RFC 7643 §5–7) as data: what this service provider supports,
// its resource types, and the schemas of the attributes it keeps. Only attributes Launchpad stores are
// described; anything else a client sends is ignored. Pure.
import type { ScimContext } from './meta.js';
import { MAX_RESULTS } from './list.js';
import {
  GROUP_SCHEMA,
  LAUNCHPAD_USER_SCHEMA,
  LIST_RESPONSE,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from './urns.js';

export function serviceProviderConfig(ctx: ScimContext) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: 'https://datatracker.ietf.org/doc/html/rfc7644',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    // Every resource carries meta.version, a weak ETag of its content.
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'API key',
        description: 'An API key with the scim scope, sent as Authorization: Bearer <key>.',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${ctx.baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(ctx: ScimContext) {
  const type = (id: 'User' | 'Group', endpoint: string, schema: string, extensions: string[]) => ({
    schemas: [RESOURCE_TYPE_SCHEMA],
    id,
    name: id,
    endpoint,
    description: id === 'User' ? 'A member of the space' : 'A group of members',
    schema,
    ...(extensions.length ? { schemaExtensions: extensions.map((schema) => ({ schema, required: false })) } : {}),
    meta: { resourceType: 'ResourceType', location: `${ctx.baseUrl}/ResourceTypes/${id}` },
  });
  return [type('User', '/Users', USER_SCHEMA, [LAUNCHPAD_USER_SCHEMA]), type('Group', '/Groups', GROUP_SCHEMA, [])];
}

type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
type Returned = 'always' | 'never' | 'default' | 'request';

interface AttributeOptions {
  type?: 'string' | 'boolean' | 'complex' | 'reference';
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: Mutability;
  returned?: Returned;
  uniqueness?: 'none' | 'server' | 'global';
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: ScimAttribute[];
  description: string;
}

export interface ScimAttribute {
  name: string;
  type: string;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact?: boolean;
  canonicalValues?: string[];
  subAttributes?: ScimAttribute[];
  referenceTypes?: string[];
  mutability: Mutability;
  returned: Returned;
  uniqueness: string;
}

function attribute(name: string, o: AttributeOptions): ScimAttribute {
  return {
    name,
    type: o.type ?? 'string',
    multiValued: o.multiValued ?? false,
    description: o.description,
    required: o.required ?? false,
    ...(o.type === 'complex' ? {} : { caseExact: o.caseExact ?? false }),
    ...(o.canonicalValues ? { canonicalValues: o.canonicalValues } : {}),
    ...(o.subAttributes ? { subAttributes: o.subAttributes } : {}),
    ...(o.referenceTypes ? { referenceTypes: o.referenceTypes } : {}),
    mutability: o.mutability ?? 'readWrite',
    returned: o.returned ?? 'default',
    uniqueness: o.uniqueness ?? 'none',
  };
}

const externalId = attribute('externalId', { caseExact: true, description: "The identity provider's identifier." });

export function schemas(ctx: ScimContext) {
  const schema = (id: string, name: string, description: string, attributes: ScimAttribute[]) => ({
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${ctx.baseUrl}/Schemas/${id}` },
  });
  return [
    schema(USER_SCHEMA, 'User', 'A member of the space', [
      attribute('userName', { required: true, uniqueness: 'server', description: "The member's email address, unique in the space." }),
      externalId,
      attribute('displayName', { description: 'The name shown in Launchpad.' }),
      attribute('emails', {
        type: 'complex',
        multiValued: true,
        description: "The member's address (the same as userName), as the one primary work address.",
        subAttributes: [
          attribute('value', { description: 'The address.' }),
          attribute('type', { canonicalValues: ['work'], description: 'Always work.' }),
          attribute('primary', { type: 'boolean', description: 'Always true.' }),
        ],
      }),
      attribute('active', { type: 'boolean', description: 'False when the member is deactivated: no sign-in, no seat.' }),
    ]),
    schema(GROUP_SCHEMA, 'Group', 'A group of members', [
      attribute('displayName', { required: true, uniqueness: 'server', description: 'The group name, kept as sent.' }),
      externalId,
      attribute('members', {
        type: 'complex',
        multiValued: true,
        description: 'The members of the group (users only).',
        subAttributes: [
          attribute('value', { mutability: 'immutable', description: 'The id of a User.' }),
          attribute('display', { mutability: 'readOnly', description: "The member's name." }),
          attribute('$ref', { type: 'reference', referenceTypes: ['User'], mutability: 'immutable', description: 'The URI of the User.' }),
          attribute('type', { canonicalValues: ['User'], mutability: 'immutable', description: 'Always User.' }),
        ],
      }),
    ]),
    schema(LAUNCHPAD_USER_SCHEMA, 'Launchpad User', "A member's Launchpad settings", [
      attribute('profile', {
        canonicalValues: ['designer', 'explorer', 'reader'],
        description: 'The profile, which takes one seat of its kind. Users created without it get the configured default.',
      }),
    ]),
  ];
}

/** A list of discovery documents as the endpoints return them (RFC 7644 §4: a ListResponse). */
export function discoveryList<T>(resources: T[]) {
  return { schemas: [LIST_RESPONSE], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}
