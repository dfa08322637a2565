import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { projectRoot } from '../../dataset/paths.js';

export const deployDir = join(projectRoot, 'deploy');

// The published Kubernetes OpenAPI schema, as compiled validators and TypeScript types by kubernetes-models.
export const kubernetesModels = {
  Deployment: { model: Deployment, module: 'kubernetes-models/apps/v1/Deployment', type: 'IDeployment' },
  Service: { model: Service, module: 'kubernetes-models/v1/Service', type: 'IService' },
} as const;

export interface Manifest {
  file: string;
  object: { kind: keyof typeof kubernetesModels };
}

/** Every YAML document in deploy/, in file order. */
export function readManifests(): Manifest[] {
  return readdirSync(deployDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(deployDir, file), 'utf8')).map((doc) => {
        if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
        return { file, object: doc.toJS() };
      }),
    );
}

/** Schema errors of a manifest: types, required fields, enums and formats; an empty list when valid. */
export function schemaErrors(object: Manifest['object']): string[] {
  try {
    new kubernetesModels[object.kind].model(object as never).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/**
 * Unknown or misplaced fields, which the schema lets through (like kubeconform without -strict): each
 * object becomes a literal typed with its kind's interface, and TypeScript reports any property the
 * type does not declare. One program checks every case: creating it is the slow part.
 */
export function unknownFields(cases: Record<string, Manifest['object']>): Record<string, string[]> {
  const sources = new Map(
    Object.entries(cases).map(([name, object], i) => {
      const { module, type } = kubernetesModels[object.kind];
      const source = `import type { ${type} } from '${module}';\nexport const manifest: ${type} = ${JSON.stringify(object)};\n`;
      return [join(deployDir, `__check_${i}.ts`), { name, source }];
    }),
  );
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, language, ...rest) => {
    const virtual = sources.get(file);
    return virtual ? ts.createSourceFile(file, virtual.source, language) : getSourceFile(file, language, ...rest);
  };
  host.fileExists = (file) => sources.has(file) || fileExists(file);
  host.readFile = (file) => sources.get(file)?.source ?? readFile(file);
  const program = ts.createProgram([...sources.keys()], options, host);
  return Object.fromEntries(
    [...sources].map(([file, { name }]) => [
      name,
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(file))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')),
    ]),
  );
}

/** The package name of a bare specifier: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/**
 * The modules a file loads at run time, as written. With verbatimModuleSyntax only `import type` and
 * `export type` are erased; `import { type X }` still loads its module.
 */
export function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      specifiers.push(argument && ts.isStringLiteral(argument) ? argument.text : '<computed>');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** The packages a file loads at run time (`@scope/name/sub` -> `@scope/name`). */
export function runtimeImports(file: string): string[] {
  return runtimeSpecifiers(file)
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
    .map(packageName);
}

/** The source files the server loads, from its entry (src/main.ts) through every relative import. */
export function serverSources(entry = join(projectRoot, 'src', 'main.ts')): string[] {
  const seen = new Set<string>([entry]);
  for (const file of seen) {
    for (const specifier of runtimeSpecifiers(file)) {
      if (specifier.startsWith('.')) seen.add(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
    }
  }
  return [...seen].sort();
}
