// The contract is YAML; the build (scripts/build.mjs, `contractAsData`) turns it into data, which
// contract.ts reads as an OpenApiDocument.
declare module '*.openapi.yaml' {
  const document: unknown;
  export default document;
}
