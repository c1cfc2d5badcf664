import { z } from 'zod';
import { Text } from '../common';

/** Norway's SAF-T Cash Register file for a period of Norwegian calendar days, both included. */
export const SaftCashRegisterQuery = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    /** Only this cost centre's registers (the file's one location); all of them without it. */
    costCentre: Text(20).min(1).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'to: the period ends before it starts', path: ['to'] });
