// The custom elements manifest (custom-elements.json): the portal's elements with their properties,
// attributes, events, parts and CSS properties, read from the classes and their JSDoc.
// `npm run analyze` writes it; `npm test` fails when the committed one is stale.

/**
 * Fills in what the analyzer cannot see in this code:
 * - the tag names, which portal/src/define.ts registers in a loop over its `elements` table (the
 *   analyzer reads that loop's `customElements.define(tag, element)` as an element named `tag`);
 * - the event names, which each event class keeps in `static readonly eventName`, so that
 *   `dispatchEvent(new AccountSelectEvent(...))` and the element's `@fires` tag become one event.
 */
function portalDefinitions() {
  const tagOf = new Map(); // class name -> tag name
  const eventNameOf = new Map(); // event class name -> event name
  let defineModule;

  const unwrap = (ts, node) => (node && (ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) ? unwrap(ts, node.expression) : node);

  return {
    name: 'portal-definitions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (ts.isVariableDeclaration(node) && node.name.getText() === 'elements' && moduleDoc.path.endsWith('/define.ts')) {
        const table = unwrap(ts, node.initializer);
        if (!table || !ts.isObjectLiteralExpression(table)) return;
        defineModule = moduleDoc;
        for (const entry of table.properties) {
          if (ts.isPropertyAssignment(entry) && ts.isIdentifier(entry.initializer)) tagOf.set(entry.initializer.text, entry.name.text);
        }
      }
      if (ts.isClassDeclaration(node) && node.name) {
        for (const member of node.members) {
          const isStatic = member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
          if (
            ts.isPropertyDeclaration(member) &&
            isStatic &&
            member.name.getText() === 'eventName' &&
            member.initializer &&
            ts.isStringLiteral(member.initializer)
          ) {
            eventNameOf.set(node.name.text, member.initializer.text);
          }
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      // The file glob comes back in no set order: sort, so that the same sources give the same manifest.
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      if (defineModule?.exports) {
        defineModule.exports = defineModule.exports.filter(
          (entry) => entry.kind !== 'custom-element-definition' || tagOf.has(entry.declaration.name),
        );
      }
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          const tag = tagOf.get(declaration.name);
          if (tag) {
            declaration.tagName = tag;
            declaration.customElement = true;
            defineModule?.exports?.push({
              kind: 'custom-element-definition',
              name: tag,
              declaration: { name: declaration.name, module: module.path },
            });
          }
          if (declaration.events) declaration.events = mergeEvents(declaration.events, eventNameOf);
        }
      }
      defineModule?.exports?.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

/** One entry per event name: the name from the event class, the description from `@fires`. */
function mergeEvents(events, eventNameOf) {
  const byName = new Map();
  for (const event of events) {
    const name = event.name ?? eventNameOf.get(event.type?.text);
    if (!name) continue;
    const known = byName.get(name);
    if (!known) byName.set(name, { ...event, name });
    else {
      known.type ??= event.type;
      known.description ??= event.description;
      // Declared on the element itself (its `@fires`): then it is not only inherited.
      if (!event.inheritedFrom) delete known.inheritedFrom;
    }
  }
  return [...byName.values()];
}

export default {
  globs: ['portal/src/**/*.ts'],
  exclude: ['portal/src/**/*.test.ts', 'portal/src/test/**'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest itself ("customElements"); the analyzer must not rewrite it.
  packagejson: false,
  plugins: [portalDefinitions()],
};
