export * from './channels';
export * from './result';
export * from './api';
