/** A proposal's lifecycle: statuses and their machine, the lifecycle map, ratings, the server API. */
export * from './status';
export * from './document';
export * from './rating';
export * from './api';
export * from './comments';
