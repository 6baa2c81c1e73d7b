package dev.bunting.adapter.nbvcxz;

import dev.bunting.domain.port.PasswordStrength;
import java.util.ArrayList;
import java.util.List;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;

/**
 * zxcvbn's estimate, by nbvcxz: dictionaries of common passwords, words and names, keyboard patterns, sequences,
 * repetitions, dates and leet substitutions, and the user's own details as an exclusion dictionary.
 *
 * <p>Only the first {@value #ESTIMATED_LENGTH} characters are estimated: matching costs grow fast with length (a
 * 256-character repetition took 6 s here), and what follows can only add strength. Edit-distance matching is off for
 * the same reason. nbvcxz loads its dictionaries (about 1.5 s) when first used, not when the graph is built.
 */
public final class NbvcxzPasswordStrength implements PasswordStrength {

    static final int ESTIMATED_LENGTH = 64;

    @Override
    public int score(String password, List<String> userInputs) {
        List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
        dictionaries.add(new DictionaryBuilder()
                .setDictionaryName("user")
                .setExclusion(true)
                .addWords(userInputs, 0)
                .createDictionary());
        Nbvcxz estimator = new Nbvcxz(new ConfigurationBuilder()
                .setMaxLength(ESTIMATED_LENGTH)
                .setDistanceCalc(false)
                .setDictionaries(dictionaries)
                .createConfiguration());
        return estimator.estimate(password).getBasicScore();
    }
}
