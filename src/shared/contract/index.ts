export * from './channels';
export * from './result';
export * from './api';
export * from './situation-schemas';
export * from './sync-schemas';
export * from './trace-schemas';
export * from './audit-schemas';
