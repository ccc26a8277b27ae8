/**
 * The workshop mode (Moderationsmethode): shared model, the rules (reduce), what everyone may see
 * (publicView, the public document) and the protocol. See api.ts for the server's HTTP API.
 */
export * from './actions';
export * from './api';
export * from './model';
export * from './phase';
export * from './proposal-draft';
export * from './protocol';
export * from './public-doc';
export * from './public-view';
export * from './reduce';
export * from './session';
export type * from './state';
