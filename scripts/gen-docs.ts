// Writes the generated documentation: docs/errors.md and docs/openapi.json.
import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../src/errors/docs.ts';
import { generateOpenApi } from '../src/http/openapi.ts';

writeFileSync('docs/errors.md', renderErrorsDoc());
writeFileSync('docs/openapi.json', JSON.stringify(await generateOpenApi(), null, 2) + '\n');
console.log('docs/errors.md, docs/openapi.json updated');
