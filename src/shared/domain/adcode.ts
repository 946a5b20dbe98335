import { z } from 'zod';

/** A GB/T 2260 administrative division code: 6 digits (000000 is the national hub). */
export const adcodeSchema = z.string().regex(/^\d{6}$/);
