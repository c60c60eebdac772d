/**
 * The fenced code blocks of README.md and docs/*.md, each with the kind of check that keeps it
 * true. A block's kind follows from its language and its info string's words after it
 * (```json connect-config file=my-app/connect.config.json```); a block of no known kind is an
 * error, so that a new sample cannot go unchecked. `server/test/docs-samples.test.ts` checks the
 * kinds it can in Node and fails on an unknown one; `e2e/docs-samples.spec.ts` runs the rest in
 * Chromium. Run directly, it prints every block and the count of each kind.
 *
 *     node --import tsx scripts/docs-samples.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Sample {
  /** The Markdown file, relative to the repository. */
  file: string;
  /** The line of the opening fence, from 1. */
  line: number;
  lang: string;
  /** The info string's words after the language: `word` (true) or `key=value` / `key="two words"`. */
  meta: Record<string, string | true>;
  code: string;
}

export const SAMPLE_KINDS = {
  /** docs/api.md: generated from the types, kept current by server/test/api-reference.test.ts. */
  generated: 'generated, checked by its own test',
  /** ```text: a diagram or an output, not code. */
  text: 'text, not code',
  /** ```text csp, ```text csp=host-apps: a policy whose every directive the e2e host apps run under (all of it, with `=host-apps`). */
  csp: 'Content-Security-Policy, held to what the e2e host apps run under',
  /** ```json connect-config [fragment=...]: loaded by the server's config loader. */
  config: 'connect.config.json, loaded by the config loader',
  /** ```ts, and ```js without `run`: type-checked against the real types. */
  typed: 'type-checked',
  /** ```js run, ```html run: run in a host page in Chromium against the demo stack. */
  page: 'run in a host page in Chromium',
  /** The quick start's files and commands: followed as written by the e2e spec. */
  quickStart: 'followed as written by e2e/docs-samples.spec.ts',
  /** ```css element, ```html element: every property, part and attribute is one custom-elements.json declares. */
  element: 'checked against custom-elements.json',
  /** ```sh no-run="why": shown, not run, with the reason. */
  notRun: 'not run (the reason is in the block)',
} as const;

export type SampleKind = keyof typeof SAMPLE_KINDS;

/** Markdown files whose samples are checked: the README and every page of docs/. */
export function markdownFiles(root = '.'): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/** `key=value`, `key="two words"` and bare words of an info string. */
function parseMeta(words: string): Record<string, string | true> {
  const meta: Record<string, string | true> = {};
  for (const match of words.matchAll(/([\w-]+)(?:=(?:"([^"]*)"|(\S+)))?/g)) meta[match[1]!] = match[2] ?? match[3] ?? true;
  return meta;
}

/**
 * The fenced blocks of one Markdown text: ``` fences, at the start of a line or indented within a
 * list item (the block's lines lose that indentation). An indented code block without fences is
 * an error: it could hold a sample that no kind checks.
 */
export function parseSamples(file: string, text: string): Sample[] {
  const samples: Sample[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    if (/^ {4}\S/.test(lines[index]!) && !lines[index - 1]?.trim()) {
      throw new Error(`${file}:${index + 1}: an indented code block; fence it (\`\`\`lang kind) so that its kind is checked`);
    }
    const open = /^( *)```(\S*)\s*(.*)$/.exec(lines[index]!);
    if (!open) continue;
    const indent = open[1]!;
    const end = lines.findIndex((line, at) => at > index && line.startsWith(`${indent}\`\`\``));
    if (end < 0) throw new Error(`${file}:${index + 1}: a code fence that never closes`);
    const code = lines.slice(index + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
    samples.push({ file, line: index + 1, lang: open[2]!, meta: parseMeta(open[3]!), code: code.join('\n') + '\n' });
    index = end;
  }
  return samples;
}

export function listSamples(root = '.'): Sample[] {
  return markdownFiles(root).flatMap((file) => parseSamples(file, readFileSync(join(root, file), 'utf8')));
}

/** The check a sample gets, or `undefined` when it is of no known kind. */
export function kindOf(sample: Sample): SampleKind | undefined {
  const { file, lang, meta } = sample;
  if (file === 'docs/api.md' && lang === 'ts') return 'generated';
  if (lang === 'text' && meta.csp) return 'csp';
  if (lang === 'text') return 'text';
  if (lang === 'json' && meta['connect-config']) return 'config';
  if (file === 'docs/quick-start.md' && (meta.file || meta['quick-start'])) return 'quickStart';
  if ((lang === 'css' || lang === 'html') && meta.element) return 'element';
  if ((lang === 'js' || lang === 'html') && meta.run) return 'page';
  if (lang === 'ts' || lang === 'js') return 'typed';
  if (lang === 'sh' && typeof meta['no-run'] === 'string' && meta['no-run'].length > 0) return 'notRun';
  return undefined;
}

/** The quick start's files and commands, in the order a reader follows them (its config is also a `config` sample). */
export const quickStartSteps = (samples: Sample[]) =>
  samples.filter((sample) => sample.file === 'docs/quick-start.md' && (sample.meta.file || sample.meta['quick-start']));

export const where = (sample: Sample) => `${sample.file}:${sample.line}`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const counts = new Map<string, number>();
  for (const sample of listSamples()) {
    const kind = kindOf(sample) ?? 'UNKNOWN';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    console.log(`${where(sample)}\t${sample.lang}\t${kind}`);
  }
  for (const [kind, count] of counts) console.log(`${count}\t${kind}`);
}
