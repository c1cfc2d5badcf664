import { z } from 'zod';
import { BoundedJson, Text } from './common';
import { RegisterSettings } from './register-api';

/**
 * Settings head office sends to every register through the change feed. A key the register knows
 * (one of its RegisterSettings) carries exactly that setting's value; any other key carries bounded
 * JSON and never null: a register stores every value it receives, and its settings hold no nulls.
 */
const { registerId: _registerId, ...knownSettings } = RegisterSettings.shape;
export const KNOWN_SETTINGS: Readonly<Record<string, z.ZodType>> = knownSettings;

/** registerId is born with each register's database; head office cannot set it. */
export const SettingKey = Text(100)
  .min(1)
  .refine((key) => key !== 'registerId', 'registerId belongs to each register and cannot be set by head office');

const OtherSettingValue = BoundedJson.refine((value) => value !== null, 'must not be null (this setting has no empty value)');

/** The schema a setting's value must meet, by key. */
export function settingValueSchema(key: string): z.ZodType {
  return Object.hasOwn(KNOWN_SETTINGS, key) ? KNOWN_SETTINGS[key]! : OtherSettingValue;
}

export const SettingRecord = z
  .object({ key: SettingKey, value: z.unknown() })
  .superRefine((record, ctx) => {
    const checked = settingValueSchema(record.key).safeParse(record.value);
    if (checked.success) return;
    for (const issue of checked.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: ['value', ...issue.path] });
    }
  });
export type SettingRecord = z.infer<typeof SettingRecord>;
