export { getInrs } from './get-inrs';
export { connectionSelectors, useConnectionStore, type ConnectionState, type ConnectionStatus } from './connection-store';
