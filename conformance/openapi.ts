/**
 * The few parts of an OpenAPI 3.1 document the kit reads (paths, responses, their headers and
 * bodies), typed loosely: the document itself is the authority, Ajv checks the values.
 */
export type SchemaObject = { $ref?: string; [keyword: string]: unknown };

export interface OpenApiResponse {
  $ref?: string;
  description?: string;
  headers?: Record<string, { $ref?: string; required?: boolean; description?: string; schema?: SchemaObject }>;
  content?: Record<string, { schema?: SchemaObject }>;
}

export interface OpenApiOperation {
  operationId?: string;
  responses?: Record<string, OpenApiResponse>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace', OpenApiOperation>>>;
  components?: { schemas?: Record<string, SchemaObject>; [kind: string]: unknown };
}
