package dev.bunting.domain.identity;

import java.text.Normalizer;
import java.util.Map;

/**
 * A small part of Unicode TR39's confusables table (confusablesSummary.txt, prototype on the right): the Cyrillic and
 * Greek letters that look like Latin ones, and the digit and letter pairs that read alike in most fonts. Fullwidth
 * and other compatibility forms need no entry, as {@link Email} applies NFKC first. ICU4J's SpoofChecker implements
 * the whole table, but costs about 14 MB for this one check; this table covers the lookalikes that matter for email
 * addresses, which are written in Latin letters almost always.
 *
 * <p>The skeleton, as in TR39: decompose (NFD), replace each character by its prototype, decompose again. Accented
 * letters decompose, so {@code ё} is {@code е} with a diaeresis and its skeleton is {@code e} with one.
 */
final class Confusables {

    /** Lookalike to prototype; every key is one lower-case character, as {@link Email}'s value is case-folded. */
    private static final Map<Character, String> PROTOTYPES = Map.ofEntries(
            // Cyrillic
            Map.entry('а', "a"),
            Map.entry('с', "c"),
            Map.entry('ԁ', "d"),
            Map.entry('е', "e"),
            Map.entry('һ', "h"),
            Map.entry('і', "i"),
            Map.entry('ј', "j"),
            Map.entry('к', "k"),
            Map.entry('ӏ', "l"),
            Map.entry('о', "o"),
            Map.entry('р', "p"),
            Map.entry('ԛ', "q"),
            Map.entry('ѕ', "s"),
            Map.entry('у', "y"),
            Map.entry('ԝ', "w"),
            Map.entry('х', "x"),
            Map.entry('ү', "y"),
            // Greek
            Map.entry('α', "a"),
            Map.entry('ε', "e"),
            Map.entry('η', "n"),
            Map.entry('ι', "i"),
            Map.entry('κ', "k"),
            Map.entry('ν', "v"),
            Map.entry('ο', "o"),
            Map.entry('ρ', "p"),
            Map.entry('τ', "t"),
            Map.entry('υ', "u"),
            Map.entry('χ', "x"),
            Map.entry('γ', "y"),
            // Latin lookalikes of Latin letters, and digits
            Map.entry('ı', "i"),
            Map.entry('ɡ', "g"),
            Map.entry('ɑ', "a"),
            Map.entry('ℓ', "l"),
            Map.entry('0', "o"),
            Map.entry('1', "l"),
            Map.entry('|', "l"));

    private Confusables() {}

    static String skeleton(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder mapped = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            mapped.append(PROTOTYPES.getOrDefault(c, String.valueOf(c)));
        }
        // "rn" reads as "m" in most sans-serif fonts (TR39 maps it so too)
        return Normalizer.normalize(mapped.toString().replace("rn", "m"), Normalizer.Form.NFD);
    }
}
