// Generate src/lib/api-schema.d.ts from the gateway's committed OpenAPI document,
// or with --check fail when the committed file differs from what would be generated.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import openapiTS, { astToString } from 'openapi-typescript';

const specUrl = new URL('../../gateway/openapi.json', import.meta.url);
const outUrl = new URL('../src/lib/api-schema.d.ts', import.meta.url);
const header =
  '// Generated from gateway/openapi.json by `make api-client` (npm run api:generate). Do not edit.\n\n';

const spec = JSON.parse(await readFile(specUrl, 'utf8'));
const generated = header + astToString(await openapiTS(spec));
const outPath = fileURLToPath(outUrl);

if (process.argv.includes('--check')) {
  const committed = await readFile(outPath, 'utf8').catch(() => '');
  if (committed !== generated) {
    console.error(
      `${outPath} is stale: gateway/openapi.json changed. Run \`make api-client\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log('API schema types are up to date.');
} else {
  await writeFile(outPath, generated);
  console.log(`Wrote ${outPath}`);
}
