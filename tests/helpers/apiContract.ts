/**
 * Checks responses against the OpenAPI document the server serves, so the code and the document cannot
 * drift: a status the operation does not declare, a body that does not match the declared schema, a
 * missing `Retry-After` or a wrong media type fails the test that received it. The test apps' supertest
 * agents run this on every response to an `/api/` operation (tests/helpers/app.ts).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  operation: OpenAPIV3.OperationObject;
}

export interface ResponseToCheck {
  method: string;
  /** Path, with or without the query string. */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (supertest's `res.body`) */
  body: unknown;
  /** The raw text, when there is one. */
  text?: string | undefined;
}

export class ApiContract {
  private readonly operations: Operation[] = [];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIV3.Document) {
    // OpenAPI 3.0 schemas: `nullable` is understood; the document's other keywords are not schema keywords.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    for (const [template, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item?.[method];
        if (!operation) continue;
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}$`),
          params: (template.match(/\{/g) ?? []).length,
          operation,
        });
      }
    }
    // A literal segment wins over a parameter (`/staff/accept` before `/staff/{userId}`).
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** The operation a request reaches, or undefined for paths the document does not cover. */
  find(method: string, url: string): Operation | undefined {
    const path = url.split('?')[0] ?? url;
    return this.operations.find((op) => op.method === method.toUpperCase() && op.pattern.test(path));
  }

  /** What is wrong with this response according to the document, or null when it matches. */
  check(res: ResponseToCheck): string | null {
    const op = this.find(res.method, res.url);
    if (!op) return null;
    const where = `${res.method.toUpperCase()} ${res.url.split('?')[0]} (${op.operation.operationId ?? op.template}) answered ${res.status}`;
    const declared = op.operation.responses[String(res.status)] as OpenAPIV3.ResponseObject | undefined;
    if (!declared) {
      const statuses = Object.keys(op.operation.responses).join(', ');
      return `${where}, which the API document does not declare (declared: ${statuses}); body: ${preview(res.body, res.text)}`;
    }
    for (const name of Object.keys(declared.headers ?? {})) {
      if (res.headers[name.toLowerCase()] === undefined) return `${where} without the declared ${name} header`;
    }
    const contentType = String(res.headers['content-type'] ?? '');
    const media = Object.keys(declared.content ?? {});
    if (media.length === 0) {
      if (res.text) return `${where} with a body, but the document declares none: ${preview(res.body, res.text)}`;
      return null;
    }
    const mediaType = media.find((m) => contentType.startsWith(m));
    if (!mediaType) return `${where} as "${contentType}", but the document declares ${media.join(', ')}`;
    if (!mediaType.includes('json')) return null;
    const validate = this.validator(op, String(res.status), mediaType);
    if (!validate(res.body)) {
      const problems = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
      return `${where} with a body that does not match the document:\n  ${problems.join('\n  ')}\nbody: ${preview(res.body, res.text)}`;
    }
    return null;
  }

  private validator(op: Operation, status: string, mediaType: string): ValidateFunction {
    const key = `${op.method} ${op.template} ${status} ${mediaType}`;
    let validate = this.validators.get(key);
    if (!validate) {
      const response = op.operation.responses[status] as OpenAPIV3.ResponseObject;
      const schema = response.content?.[mediaType]?.schema ?? {};
      // References (#/components/schemas/Error) resolve against the document's components.
      validate = this.ajv.compile({ allOf: [schema], components: this.document.components });
      this.validators.set(key, validate);
    }
    return validate;
  }
}

function preview(body: unknown, text: string | undefined): string {
  const raw = text ?? JSON.stringify(body);
  return raw && raw.length > 600 ? `${raw.slice(0, 600)}…` : String(raw);
}
