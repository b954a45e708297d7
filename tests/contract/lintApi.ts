/**
 * `npm run lint:api`: Redocly's recommended lint on the OpenAPI document the server serves at
 * `/docs/json`, built in-process. Exits non-zero on any error or warning.
 */
import { buildApiDocument, lintApiDocument } from '../helpers/apiDocument.js';

const document = await buildApiDocument();
const result = await lintApiDocument(document);
process.stdout.write(result.output);
const operations = Object.values(document.paths).flatMap((item) => Object.keys(item ?? {}).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)));
console.log(`\n${operations.length} operations: ${result.errors} errors, ${result.warnings} warnings`);
process.exit(result.ok && result.warnings === 0 ? 0 : 1);
