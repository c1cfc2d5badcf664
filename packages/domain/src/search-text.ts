// Letters that NFD does not decompose, spelled the way a Nordic user types them without the key.
const SPECIAL: Record<string, string> = { ø: 'o', æ: 'ae', å: 'a', ß: 'ss', đ: 'd', ł: 'l', œ: 'oe' };

/** A search key: lowercase, no diacritics, single spaces, so 'Östergård ' matches 'ostergard'. */
export function foldForSearch(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    // After stripping marks, so that e.g. 'ǣ' (æ + macron) also ends up as 'ae'.
    .replace(/[øæåßđłœ]/g, (c) => SPECIAL[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}
