/**
 * OpenAPI generated from the same zod schemas that validate requests; interactive docs at /docs.
 *
 * The document is a contract outside clients build on (and the API tests check every response
 * against it): each operation has a stable `operationId` and a summary (in its route), and declares
 * the errors it can answer, all in the one `Error` shape. Errors that come from cross-cutting plugins
 * (validation, sign-in, suspension, rate limits, body size, an unreachable database) are declared
 * here for every route they apply to; a route declares the ones only its own rules produce
 * (`...errorResponses(409)`).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { errorResponse, errorStatus } from '@circles/shared';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';
import { z } from 'zod';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 414 | 422 | 429 | 503;

/** What each error status means here, with the contract codes it carries. */
const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'The request is invalid (`VALIDATION_ERROR`, with `details` naming the fields) or a post contains a blocked term (`BLOCKED_TERM`)',
  401: 'Sign-in needed: the access token is missing, invalid, expired or revoked (`UNAUTHORIZED`)',
  403: 'Not allowed (`FORBIDDEN`, `NOT_A_MEMBER`, `BANNED`, `MUTED`, or `SUSPENDED` for a suspended account)',
  404: 'No such thing, or not one the caller may know exists (`NOT_FOUND`)',
  409: 'Conflicts with the current state (`CONFLICT`)',
  410: 'The invite or emailed link expired, was revoked or was used up (`EXPIRED`)',
  413: 'The JSON body is larger than 64 KiB (`PAYLOAD_TOO_LARGE`)',
  414: 'The URL is too long',
  422: 'The text contains personal data (`PERSONAL_DATA`, with `details` locating it); send again with `acknowledgePersonalData: true` to post anyway',
  429: 'Too many requests (`RATE_LIMITED`) or the group’s slow mode (`SLOW_MODE`); `Retry-After` says when to try again',
  503: 'The database or Redis cannot be reached, or this node is shutting down (`UNAVAILABLE`); nothing was written; `Retry-After` says when to try again',
};

const RETRY_AFTER: OpenAPIV3.HeaderObject = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', minimum: 0 },
};

/**
 * Route-specific error answers for a route's `response`: `{ 201: group, ...errorResponses(409) }`.
 * At run time they check error bodies against the contract's shape; the document shows them as the
 * shared `Error` component.
 */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorResponse> {
  return Object.fromEntries(statuses.map((s) => [s, errorResponse])) as Record<S, typeof errorResponse>;
}

/** A 204 (or 202) answer: no body. */
export const noContent = z.undefined().describe('Done; no content');

/** A file that is not JSON (with `produces` naming its media type): an iCalendar file, an SVG image. */
export const fileResponse = (description: string) => z.string().describe(description);

/** A JSON download whose layout follows the data it holds (the personal data export). */
export const jsonDocument = (description: string) => z.record(z.string(), z.unknown()).describe(description);

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The errors every route of this kind can answer, whatever its own rules. */
function crossCuttingErrors(route: RouteOptions): ErrorStatus[] {
  const statuses: ErrorStatus[] = [400, 414];
  const isPublic = Boolean(route.config?.public);
  if (!isPublic) statuses.push(401, 403);
  if (route.url.includes(':')) statuses.push(404);
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (methods.some((m) => BODY_METHODS.has(m))) statuses.push(413);
  // /api/health and /api/ready are exempt from the limit; /api/health answers while the process lives.
  if (route.url !== '/api/health' && route.url !== '/api/ready') statuses.push(429);
  if (route.url !== '/api/health') statuses.push(503);
  return statuses;
}

/** The contract's error shape, with `code` one of the stable codes. */
function errorComponent(): OpenAPIV3.SchemaObject {
  const schema = z.toJSONSchema(errorResponse, { target: 'openapi-3.0', io: 'output' }) as OpenAPIV3.SchemaObject & { $schema?: string };
  delete schema.$schema;
  schema.description = 'Every error answer: the HTTP status, its reason phrase, a stable machine-readable `code` and a message in the reader’s language.';
  schema.properties = { ...schema.properties, code: { type: 'string', enum: Object.keys(errorStatus) } };
  return schema;
}

const TAGS: OpenAPIV3.TagObject[] = [
  { name: 'accounts', description: 'Sign-up, sign-in, sessions, profile, password reset, export and deletion of one’s data' },
  { name: 'groups', description: 'The condition catalog, groups, membership, join requests, roles and group settings' },
  { name: 'messages', description: 'Group chat history, posting, edits, deletions, reactions and read markers' },
  { name: 'questions', description: 'Health questions and answers, pins, accepted answers, helpful votes and the clinician queue' },
  { name: 'clinicians', description: 'Clinician verification: applications and the admins’ decisions' },
  { name: 'moderation', description: 'Reports, mutes, bans, removals, suspensions and the audit logs' },
  { name: 'live events', description: 'Scheduled live chats: events, reminders, the questions queue and transcripts' },
  { name: 'notifications', description: 'In-app notifications, notification settings and email unsubscribe' },
  { name: 'organizations', description: 'Organizations, their verification and staff invitations' },
  { name: 'invitations', description: 'Group invite links and QR codes' },
  { name: 'operations', description: 'Liveness and readiness probes' },
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every error answer refers to the one `Error` component and says what it means. */
function normalizeErrorResponses(document: OpenAPIV3.Document): OpenAPIV3.Document {
  const errorRef: OpenAPIV3.ReferenceObject = { $ref: '#/components/schemas/Error' };
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        const code = Number(status);
        if (code < 400) continue;
        const headers = code === 429 || code === 503 ? { 'Retry-After': RETRY_AFTER } : undefined;
        operation.responses[status] = {
          description: ERROR_DESCRIPTIONS[code as ErrorStatus] ?? (response as OpenAPIV3.ResponseObject).description,
          ...(headers ? { headers } : {}),
          content: { 'application/json': { schema: errorRef } },
        };
      }
    }
  }
  return document;
}

/**
 * OpenAPI 3.0 reads `enum` as the whole list of allowed values, `nullable` included (3.0.3 says so), so
 * a nullable enum must list null itself — else a validator refuses the null the API really sends
 * (`myRole: null` for someone not on an organization's staff).
 */
function allowNullInNullableEnums<T>(node: T): T {
  if (Array.isArray(node)) {
    for (const item of node) allowNullInNullableEnums(item);
  } else if (node && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    for (const value of Object.values(schema)) allowNullInNullableEnums(value);
  }
  return node;
}

export const docsPlugin = fp(async (app: FastifyInstance, opts: { publicOrigin: string | undefined }) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Circles API',
        description: 'Patient peer support: condition groups, real-time chat, health questions answered by verified clinicians.',
        version: '0.1.0',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      },
      // The public origin when set; otherwise wherever this document was fetched from.
      servers: [{ url: opts.publicOrigin ?? '/' }],
      tags: TAGS,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearer: [] }],
    },
    transform: (input) => {
      const result = jsonSchemaTransform(input);
      const { route } = input;
      if (!result.schema || result.schema.hide || !route.url.startsWith('/api/')) return result;
      const declared = (result.schema.response ?? {}) as Record<string, unknown>;
      const response: Record<string, unknown> = { ...declared };
      // The route's own declarations stay; the cross-cutting ones fill in around them.
      for (const status of crossCuttingErrors(route)) response[status] ??= { description: ERROR_DESCRIPTIONS[status] };
      // A public route needs no token, whether or not its schema says so.
      const security = result.schema.security ?? (route.config?.public ? [] : undefined);
      return { ...result, schema: { ...result.schema, response, ...(security ? { security } : {}) } };
    },
    transformObject: (input) => {
      if (!('openapiObject' in input)) throw new Error('OpenAPI 2.0 is not supported');
      const document = input.openapiObject as OpenAPIV3.Document;
      document.components = { ...document.components, schemas: { ...document.components?.schemas, Error: errorComponent() } };
      return allowNullInNullableEnums(normalizeErrorResponses(document));
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
});
