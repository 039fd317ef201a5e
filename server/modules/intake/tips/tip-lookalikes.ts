import { remove as replaceConfusables } from 'confusables';

/**
 * Undoes the disguises that slip a weaponized tip past phrase patterns (issue 14 §8): compatibility
 * forms folded with NFKC (fullwidth ｒｅｐｏｒｔ, mathematical 𝐫𝐞𝐩𝐨𝐫𝐭), invisible format characters
 * removed (zero-width spaces and joiners, soft hyphens, bidi controls, variation selectors), and
 * look-alike letters from other scripts mapped to the Latin letter they imitate (Cyrillic е/а/о,
 * Greek ο, ...), the way a UTS #39 skeleton does. Arabic letters are left alone: the Arabic
 * patterns read them, and the confusables table would map some to Latin.
 */
export function foldLookalikes(text: string): string {
  return text
    .normalize('NFKC')
    .replace(invisibleCharacters, '')
    .replace(nonLatinLetters, (character) => replaceConfusables(character));
}

// \p{Cf}: format characters (U+200B–U+200F, U+202A–U+202E, U+2060–U+2069, U+FEFF, U+00AD...);
// plus the combining grapheme joiner, the Mongolian vowel separator and variation selectors.
const invisibleCharacters = /\p{Cf}|\u034F|\u180E|[\uFE00-\uFE0F]|[\u{E0100}-\u{E01EF}]/gu;
// Anything outside ASCII that is not Arabic script: the only places a Latin look-alike can hide.
const nonLatinLetters = /[^\p{ASCII}\p{Script=Arabic}]/gu;
