import { receiptSignedText } from '@nota/domain';
import type { ReceiptSignature } from '@nota/protocol';
import { createSign } from 'node:crypto';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/open';
import { sales } from '../db/schema';
import { ensureSigningKey } from './signing-key';

export interface ReceiptToSign {
  receiptNumber: number;
  completedAt: Date;
  /** With VAT, before cash rounding. */
  totalOre: number;
  netOre: number;
}

/**
 * Signs a Norwegian receipt, chained to the register's previous signed receipt (kassasystemforskriften):
 * RSA-SHA1 over `previous;transDate;transTime;nr;transAmntIn;transAmntEx`, base64. Call it inside the
 * sale's transaction (before the sale row is written), so the previous signature read here is the one
 * the chain ends with when this sale commits: two sales cannot sign after the same receipt.
 */
export function signReceipt(tx: Db, receipt: ReceiptToSign): ReceiptSignature {
  // Made at enrolment; a register set to Norway before it ever enrolled makes (and announces) it now.
  const key = ensureSigningKey(tx, receipt.completedAt, false);
  const previous = tx
    .select({ signature: sales.signature })
    .from(sales)
    .where(and(eq(sales.training, false), isNotNull(sales.signature)))
    .orderBy(desc(sales.receiptNumber))
    .limit(1)
    .get();
  const text = receiptSignedText({ previousSignature: previous?.signature ?? null, ...receipt });
  const value = createSign('RSA-SHA1').update(text, 'utf8').sign(key.privateKeyPem, 'base64');
  return { value, keyVersion: key.version };
}

/**
 * A sale row's signature columns, for sales and returns alike: Norway signs every receipt that counts
 * as a sale; training receipts never do, nor Swedish ones. Call it where `signReceipt` is called.
 */
export function signatureColumns(
  tx: Db,
  country: 'SE' | 'NO',
  training: boolean,
  receipt: ReceiptToSign,
): { signature: string | null; signatureKeyVersion: number | null } {
  if (country !== 'NO' || training) return { signature: null, signatureKeyVersion: null };
  const { value, keyVersion } = signReceipt(tx, receipt);
  return { signature: value, signatureKeyVersion: keyVersion };
}
