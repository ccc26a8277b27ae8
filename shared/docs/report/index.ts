// The annual report (Fokusbericht): its document model, read by the report view and the exporters.
export * from './entries';
export * from './meta';
export * from './outline';
export * from './placement';
export * from './rating';
export * from './changes';
export * from './read';
export * from './validate';
export * from './push';
export * from './data-blocks';
export * from './data-refresh';
