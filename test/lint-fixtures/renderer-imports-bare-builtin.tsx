import { join } from 'path';

export const p = join('a', 'b');
