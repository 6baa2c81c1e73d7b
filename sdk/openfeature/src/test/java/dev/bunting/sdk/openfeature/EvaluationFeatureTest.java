package dev.bunting.sdk.openfeature;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.TagFilter.excludeTags;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The OpenFeature specification's Gherkin evaluation suite (Appendix B, {@code evaluation.feature}, copied into this
 * module's test resources with its source and licence) run by Cucumber against the Bunting provider, over a
 * {@code TestFlags} client holding the flags the suite expects ({@code gherkin.SpecFlags}).
 *
 * <p>Cucumber runs inside this test, through JUnit's launcher, rather than as a suite of its own: Surefire counts no
 * scenario of a Cucumber suite, so a failing scenario would not fail the build. Here each one is counted and a failure
 * fails this test with the scenario's name and error.
 *
 * <p>One scenario is skipped, by the tag {@code @bunting-not-applicable} added to it in the copy: "Resolves boolean
 * details" expects a boolean flag whose variant is named "on", and a Bunting boolean flag's variants are always "true"
 * and "false".
 */
class EvaluationFeatureTest {

    private static final int APPLICABLE_SCENARIOS = 12;

    @Test
    void every_applicable_scenario_of_the_specification_s_evaluation_feature_passes() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        request()
                                .selectors(selectClasspathResource("openfeature/gherkin/evaluation.feature"))
                                .filters(includeEngines("cucumber"), excludeTags("bunting-not-applicable"))
                                .configurationParameter(GLUE_PROPERTY_NAME, "dev.bunting.sdk.openfeature.gherkin")
                                .configurationParameter(PLUGIN_PROPERTY_NAME, "summary")
                                .build(),
                        listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getFailures())
                .as(() -> summary.getFailures().stream()
                        .map(failure -> failure.getTestIdentifier().getDisplayName() + ": " + failure.getException())
                        .collect(Collectors.joining("\n")))
                .isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(APPLICABLE_SCENARIOS);
    }
}
