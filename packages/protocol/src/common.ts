import { z } from 'zod';

/** Integer amount in öre (minor units). Never a float. */
export const Ore = z.int().min(-1_000_000_000_00).max(1_000_000_000_00);
export const PositiveOre = z.int().min(1).max(1_000_000_000_00);
export const NonNegativeOre = z.int().min(0).max(1_000_000_000_00);
export const Id = z.uuid();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const Country = z.enum(['SE', 'NO']);
export const Role = z.enum(['cashier', 'manager']);
export type Role = z.infer<typeof Role>;
