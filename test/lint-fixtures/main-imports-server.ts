import { startServer } from '../server/x';

export const start = startServer;
