// Validates docs/openapi.yaml as an OpenAPI 3.0 document (the schema and
// every $ref) with @apidevtools/swagger-parser; exits 1 with every error.
// Run by ctest (web_openapi) through tests/e2e/web_step.sh.
import SwaggerParser from '@apidevtools/swagger-parser';
import { fileURLToPath } from 'node:url';

const document = fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url));
try {
  const api = await SwaggerParser.validate(document);
  console.log(`${document}: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths`);
} catch (error) {
  console.error(`${document} is not a valid OpenAPI document:`);
  for (const detail of error.details ?? []) console.error(JSON.stringify(detail));
  console.error(error.message);
  process.exit(1);
}
