/**
 * The contract as the kit reads it: the OpenAPI document `contract/backup-api.openapi.yaml`
 * (turned into data at build time, so the kit judges by the very document the element's types are
 * generated from) and Ajv, which validates bodies and headers against the document's own schemas.
 *
 * Nothing here states a shape: which status an operation may answer, which headers that answer
 * must carry, which media type and which schema its body has all come from the document. The kit's
 * own code only says what one answer means next to another (the same backup, a future date).
 *
 * Unknown fields: no schema of the contract closes an object (`additionalProperties: false`), and
 * Ajv is not asked to remove or reject extra properties, so a server may send fields the contract
 * does not know and still pass. `conformance/test/contract.test.ts` holds both halves of that promise.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import shipped from '../contract/backup-api.openapi.yaml';
import type { OpenApiDocument, OpenApiResponse, SchemaObject } from './openapi.js';

export type { OpenApiDocument } from './openapi.js';

/** What one answer must be, as the contract says it for one operation and one status. */
export interface ResponseRules {
  /** e.g. `POST /backups/{id}/download` */
  operation: string;
  /** The key the status matched in the document: `201`, `5XX`, `default`. */
  status: string;
  description: string;
  /** Media type → validator of the body; empty when the answer has no body. */
  bodies: Map<string, ValidateFunction>;
  /** The name of the body's schema when it is a component (`Backup`), for messages. */
  bodyName: string | null;
  /** Every header the contract requires on this answer, with its validator. */
  headers: { name: string; validate: ValidateFunction; description: string }[];
}

/** What is wrong with one body: the problems of its own shape, and those of its timestamps apart. */
export interface BodyProblems {
  problems: string[];
  /** `/backups/0/requestedAt: "2026-11-24T13:05:00"` */
  timestamps: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
/** Keywords of the OpenAPI document itself and of its Schema Object, none of which constrain a value. */
const OPENAPI_KEYWORDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs', 'discriminator', 'xml', 'example'];
const DOC_ID = 'contract';

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

export class Contract {
  readonly version: string;
  readonly #ajv: Ajv2020;
  readonly #doc: OpenApiDocument;
  readonly #timestampSchema: unknown;

  constructor(doc: OpenApiDocument = shipped as OpenApiDocument) {
    this.#doc = doc;
    this.version = doc.info.version;
    // allErrors: a server team wants every problem of a body at once. verbose: errors carry the
    // schema and the value, so a timestamp's problem can be told apart and quoted.
    this.#ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
    addFormats(this.#ajv);
    this.#ajv.addVocabulary(OPENAPI_KEYWORDS);
    this.#ajv.addSchema({ ...doc, $id: DOC_ID });
    this.#timestampSchema = doc.components?.schemas?.['Timestamp'];
  }

  /** The document itself (read-only by convention). */
  get document(): OpenApiDocument {
    return this.#doc;
  }

  /** A validator for a component schema, e.g. `schema('Backup')`. */
  schema(name: string): ValidateFunction {
    return this.#compile(`#/components/schemas/${escapePointer(name)}`);
  }

  /**
   * The rules for an answer of `status` to `method path` (a concrete path such as
   * `/backups/b-7/download`), or `null` when the contract declares no such operation or status.
   */
  response(method: string, path: string, status: number): ResponseRules | null {
    const operation = this.#operation(method, path);
    if (!operation) return null;
    const responses = operation.value.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
    if (!key) return null;
    const pointer = `${operation.pointer}/responses/${key}`;
    const { value: response, pointer: at } = this.#resolve<OpenApiResponse>(responses[key], pointer);
    const bodies = new Map<string, ValidateFunction>();
    let bodyName: string | null = null;
    for (const [type, media] of Object.entries(response.content ?? {})) {
      if (!media.schema) continue;
      bodies.set(type, this.#compile(`${at}/content/${escapePointer(type)}/schema`));
      bodyName ??= /^#\/components\/schemas\/([^/]+)$/.exec(media.schema.$ref ?? '')?.[1] ?? null;
    }
    const headers = Object.entries(response.headers ?? {}).flatMap(([name, header]) => {
      const resolved = this.#resolve<{ required?: boolean; description?: string; schema?: SchemaObject }>(header, `${at}/headers/${escapePointer(name)}`);
      if (!resolved.value.required || !resolved.value.schema) return [];
      return [{ name, validate: this.#compile(`${resolved.pointer}/schema`), description: resolved.value.description ?? '' }];
    });
    return { operation: `${method.toUpperCase()} ${operation.template}`, status: key, description: response.description ?? '', bodies, bodyName, headers };
  }

  /** Ajv's errors as sentences, the timestamps' apart (their own check names their own rule). */
  problems(errors: ErrorObject[] | null | undefined): BodyProblems {
    const all = errors ?? [];
    // A nullable timestamp fails three ways at once (the pattern, "must be null", anyOf): every
    // error at a path where the Timestamp schema failed belongs to the timestamp.
    const timestampPaths = new Set(all.filter((e) => e.parentSchema === this.#timestampSchema).map((e) => e.instancePath));
    const timestamps = [...timestampPaths].map((path) => {
      const value = all.find((e) => e.instancePath === path && e.parentSchema === this.#timestampSchema)?.data;
      return `${path || 'the body'} ${quote(value)}`;
    });
    const rest = all.filter((e) => !timestampPaths.has(e.instancePath));
    // anyOf's own error only repeats its branches' ones.
    const meaningful = rest.filter((e) => e.keyword !== 'anyOf' || !rest.some((o) => o !== e && o.instancePath === e.instancePath));
    return { problems: [...new Set(meaningful.map(sentence))], timestamps };
  }

  #operation(method: string, path: string): { template: string; pointer: string; value: NonNullable<OpenApiDocument['paths'][string][(typeof METHODS)[number]]> } | null {
    const lower = method.toLowerCase() as (typeof METHODS)[number];
    if (!METHODS.includes(lower)) return null;
    for (const [template, item] of Object.entries(this.#doc.paths ?? {})) {
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      const value = item[lower];
      if (value && pattern.test(path)) return { template, pointer: `#/paths/${escapePointer(template)}/${lower}`, value };
    }
    return null;
  }

  /** Follows local `$ref`s, keeping the JSON pointer of where it lands (Ajv compiles by pointer). */
  #resolve<T>(value: unknown, pointer: string): { value: T; pointer: string } {
    let current = value as { $ref?: string };
    let at = pointer;
    for (let hops = 0; typeof current?.$ref === 'string' && hops < 10; hops++) {
      at = current.$ref;
      current = at
        .slice(2)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], this.#doc) as { $ref?: string };
    }
    return { value: current as T, pointer: at };
  }

  #compile(pointer: string): ValidateFunction {
    const validate = this.#ajv.getSchema(`${DOC_ID}${pointer}`);
    if (!validate) throw new Error(`The contract has no schema at ${pointer}`);
    return validate;
  }
}

/** A value as a message shows it: JSON, cut short. */
export function quote(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function sentence(error: ErrorObject): string {
  const where = error.instancePath || 'the body';
  switch (error.keyword) {
    case 'required':
      return `${where} lacks ${(error.params as { missingProperty: string }).missingProperty}`;
    case 'const':
      return `${where} must be ${quote((error.params as { allowedValue: unknown }).allowedValue)}, not ${quote(error.data)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'} (got ${quote(error.data)})`;
  }
}

/** The one contract the kit ships with. */
export const contract = new Contract();
