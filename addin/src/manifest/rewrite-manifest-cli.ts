// `npm run manifest -w addin -- --base-url https://lantern.contoso.com --client-id GUID [--in F] [--out F]`
// Writes the production manifest and checks it; exits non-zero on any problem.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkManifest } from './check-manifest.ts';
import { ManifestRewriteError, rewriteManifest } from './rewrite-manifest.ts';

async function main(argv: string[]): Promise<number> {
  const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
  const { values } = parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      'client-id': { type: 'string' },
      in: { type: 'string', default: resolve(repoRoot, 'manifest.xml') },
      out: { type: 'string', default: resolve(repoRoot, 'addin', 'dist', 'manifest.xml') },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values['base-url'] || !values['client-id']) {
    process.stderr.write('usage: rewrite-manifest --base-url https://HOST --client-id GUID [--in manifest.xml] [--out addin/dist/manifest.xml]\n');
    return values.help ? 0 : 2;
  }
  try {
    const xml = rewriteManifest(await readFile(values.in, 'utf8'), { baseUrl: values['base-url'], clientId: values['client-id'] });
    const problems = checkManifest(xml);
    if (problems.length > 0) {
      for (const p of problems) process.stderr.write(`manifest line ${p.line}: ${p.message}\n`);
      return 1;
    }
    await writeFile(values.out, xml);
    process.stdout.write(`wrote ${values.out}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ManifestRewriteError) {
      process.stderr.write(`rewrite-manifest: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
