package dev.bunting.domain.experiment.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bunting.domain.Distributions;
import dev.bunting.domain.flag.VariantKey;
import java.util.List;
import org.assertj.core.data.Offset;

/** Fixtures for the engine's tests: samples built from their sums, and assertions to gbstats' 5 decimals. */
final class Samples {

    static final StatisticsEngine ENGINE = new StatisticsEngine(new Distributions());

    /** gbstats' unit tests compare results rounded to 5 decimals. */
    static final Offset<Double> FIVE_DECIMALS = within(0.5e-5);

    private Samples() {}

    static VariantSample mean(String key, long n, double sum, double sumSquares) {
        return VariantSample.of(new VariantKey(key), new SampleMoments(n, sum, sumSquares));
    }

    static VariantSample conversions(String key, long n, double conversions) {
        return VariantSample.of(new VariantKey(key), SampleMoments.ofConversions(n, conversions));
    }

    static VariantSample withCovariate(
            VariantSample sample, long n, double preSum, double preSumSquares, double cross) {
        return VariantSample.of(
                sample.key(), sample.outcome(), new Covariate(new SampleMoments(n, preSum, preSumSquares), cross));
    }

    /** The one comparison of a two-variant analysis. */
    static VariantComparison compare(AnalysisSettings settings, VariantSample control, VariantSample treatment) {
        return ENGINE.analyze(settings, List.of(control, treatment)).variants().getFirst();
    }

    static void assertFrequentist(Effect effect, double lift, double lower, double upper, double se, double pValue) {
        assertThat(effect).isInstanceOf(Effect.Frequentist.class);
        Effect.Frequentist f = (Effect.Frequentist) effect;
        assertThat(f.lift()).as("lift").isCloseTo(lift, FIVE_DECIMALS);
        assertThat(f.ci().lower()).as("ci lower").isCloseTo(lower, FIVE_DECIMALS);
        assertThat(f.ci().upper()).as("ci upper").isCloseTo(upper, FIVE_DECIMALS);
        assertThat(f.standardError()).as("standard error").isCloseTo(se, FIVE_DECIMALS);
        assertThat(f.pValue()).as("p-value").isCloseTo(pValue, FIVE_DECIMALS);
    }

    static void assertBayesian(
            Effect effect,
            double lift,
            double lower,
            double upper,
            double sd,
            double chanceToWin,
            double lossOfControl,
            double lossOfTreatment) {
        assertThat(effect).isInstanceOf(Effect.Bayesian.class);
        Effect.Bayesian b = (Effect.Bayesian) effect;
        assertThat(b.lift()).as("lift").isCloseTo(lift, FIVE_DECIMALS);
        assertThat(b.ci().lower()).as("ci lower").isCloseTo(lower, FIVE_DECIMALS);
        assertThat(b.ci().upper()).as("ci upper").isCloseTo(upper, FIVE_DECIMALS);
        assertThat(b.standardError()).as("posterior sd").isCloseTo(sd, FIVE_DECIMALS);
        assertThat(b.chanceToWin()).as("chance to win").isCloseTo(chanceToWin, FIVE_DECIMALS);
        assertThat(b.expectedLoss().ofShippingControl()).as("risk of control").isCloseTo(lossOfControl, FIVE_DECIMALS);
        assertThat(b.expectedLoss().ofShippingTreatment())
                .as("risk of treatment")
                .isCloseTo(lossOfTreatment, FIVE_DECIMALS);
    }
}
