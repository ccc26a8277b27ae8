/**
 * Keeps Node's types out of shared/ (it runs in the renderer too). shared/tsconfig.json has
 * `types: []`, so a Node built-in does not resolve; but a package whose types reference Node
 * (`/// <reference types="node" />`, as better-sqlite3's and ws's do) would pull all of Node's
 * globals in and the typecheck would pass. Node declares `process` as a global variable; this
 * declares it with a type Node's cannot match, so the shared typecheck fails as soon as Node's
 * types are part of it ("Subsequent variable declarations must have the same type").
 * Only in shared/tsconfig.json: the Node programs exclude this file.
 */
export {};

/** The type `process` has in shared/: if tsc names it in an error, Node's types got in. */
interface SharedMustNotUseNodeTypes {
  readonly sharedIsPure: true;
}

declare global {
  var process: SharedMustNotUseNodeTypes;
}
