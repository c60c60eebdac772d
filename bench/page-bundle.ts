/**
 * The benchmarks' test pages: a page's TypeScript source, importing the portal's own modules,
 * bundled with esbuild into one minified ES module, as `dist/` would ship it.
 */
import { build } from 'esbuild';

export async function bundlePage(source: string, name: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: 'ts', sourcefile: name },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}
