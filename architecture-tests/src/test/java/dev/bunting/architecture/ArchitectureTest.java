package dev.bunting.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon's boundaries (STYLE.md, "Layout"), checked on production classes of every module. */
class ArchitectureTest {

    private static final Set<Class<?>> CLOCK_TYPES = Set.of(
            Instant.class,
            LocalDate.class,
            LocalDateTime.class,
            OffsetDateTime.class,
            ZonedDateTime.class,
            Clock.class);

    /**
     * Dagger writes factories for @Inject classes into their packages when it builds a component in a runtime module;
     * that generated glue may use Dagger, the hand-written classes may not.
     */
    private static final String DAGGER_GENERATED = "dagger.internal.DaggerGenerated";

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.bunting");
    }

    /** JSpecify's nullness annotations, which NullAway reads at compile time; its package and nothing else of it. */
    private static final String NULLNESS_ANNOTATIONS = "org.jspecify.annotations";

    @Test
    void the_domain_depends_only_on_the_jdk_and_nullness_annotations() {
        onlyTheJdkAndNullnessAnnotations("dev.bunting.domain..").check(production);
    }

    @Test
    void the_domain_rule_allows_nullness_annotations_and_nothing_else_outside_the_jdk() {
        JavaClasses annotated = new ClassFileImporter().importClasses(MarksNullness.class);
        JavaClasses offender = new ClassFileImporter().importClasses(ReachesOutside.class);

        assertThat(onlyTheJdkAndNullnessAnnotations("dev.bunting.architecture..")
                        .evaluate(annotated)
                        .hasViolation())
                .isFalse();
        assertThat(onlyTheJdkAndNullnessAnnotations("dev.bunting.architecture..")
                        .evaluate(offender)
                        .hasViolation())
                .isTrue();
    }

    private static ArchRule onlyTheJdkAndNullnessAnnotations(String packages) {
        return classes()
                .that()
                .resideInAPackage(packages)
                .and()
                .areNotAnnotatedWith(DAGGER_GENERATED)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", packages, NULLNESS_ANNOTATIONS);
    }

    @Test
    void the_application_depends_only_on_the_domain_jsr330_and_nullness_annotations() {
        classes()
                .that()
                .resideInAPackage("dev.bunting.application..")
                .and()
                .areNotAnnotatedWith(DAGGER_GENERATED)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "dev.bunting.domain..",
                        "dev.bunting.application..",
                        "jakarta.inject..",
                        NULLNESS_ANNOTATIONS)
                .check(production);
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        slices().matching("dev.bunting.adapter.(*)..")
                .should()
                .notDependOnEachOther()
                .check(production);
    }

    @Test
    void the_inner_layers_never_reach_outwards() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.bunting.domain..", "dev.bunting.application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.bunting.adapter..",
                        "dev.bunting.composition..",
                        "dev.bunting.lambda..",
                        "dev.bunting.local..")
                .check(production);
    }

    @Test
    void adapters_never_depend_on_the_composition_ring() {
        noClasses()
                .that()
                .resideInAPackage("dev.bunting.adapter..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.bunting.composition..")
                .because("an adapter serves a port; which adapter serves it is the composition ring's choice")
                .check(production);
    }

    @Test
    void the_composition_ring_is_used_only_by_the_runtimes() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.bunting.composition..", "dev.bunting.lambda..", "dev.bunting.local..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.bunting.composition..")
                .check(production);
    }

    @Test
    void the_composition_ring_knows_no_runtime() {
        noClasses()
                .that()
                .resideInAPackage("dev.bunting.composition..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.bunting.lambda..", "dev.bunting.local..")
                .check(production);
    }

    @Test
    void runtimes_do_not_depend_on_each_other() {
        slices().matching("dev.bunting.(lambda|local)..")
                .should()
                .notDependOnEachOther()
                .check(production);
    }

    @Test
    void aws_types_stay_in_the_lambda_module() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.bunting.lambda..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.amazonaws..")
                .check(production);
    }

    @Test
    void the_aws_sdk_stays_in_the_secrets_adapter() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.bunting.adapter.secrets..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon..")
                .because("the Lambda functions need the SDK only to read their secrets, and it is large")
                .check(production);
    }

    @Test
    void the_secrets_adapter_depends_only_on_the_jdk_the_aws_sdk_and_jackson() {
        classes()
                .that()
                .resideInAPackage("dev.bunting.adapter.secrets..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", "dev.bunting.adapter.secrets..", "software.amazon..", "com.fasterxml.jackson..")
                .check(production);
    }

    @Test
    void the_statistics_adapter_depends_only_on_the_jdk_the_domain_port_and_commons_statistics() {
        classes()
                .that()
                .resideInAPackage("dev.bunting.adapter.statistics..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "dev.bunting.adapter.statistics..",
                        "dev.bunting.domain.port..",
                        "org.apache.commons.statistics.distribution..")
                .because("the engine's numerics are a pure function behind one port")
                .check(production);
    }

    @Test
    void the_sdk_depends_only_on_the_jdk_the_domain_and_the_evaluators_engines() {
        classes()
                .that()
                .resideInAPackage("dev.bunting.sdk")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "dev.bunting.sdk",
                        "dev.bunting.domain..",
                        "dev.bunting.adapter.evaluation..",
                        NULLNESS_ANNOTATIONS)
                .because(
                        "applications embed the SDK: it evaluates with the server's own evaluator, over the JDK's HTTP")
                .check(production);
    }

    @Test
    void the_open_feature_provider_depends_only_on_the_sdk_the_domain_and_open_feature() {
        classes()
                .that()
                .resideInAPackage("dev.bunting.sdk.openfeature..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "dev.bunting.sdk..",
                        "dev.bunting.domain..",
                        "dev.openfeature.sdk..",
                        NULLNESS_ANNOTATIONS)
                .check(production);
    }

    @Test
    void the_service_never_depends_on_the_sdks() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.bunting.sdk..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.bunting.sdk..")
                .because("the SDKs are clients of the service, built on its domain, never part of it")
                .check(production);
    }

    @Test
    void the_domain_and_application_never_read_the_clock_randomness_or_environment_themselves() {
        hiddenTimeRandomnessOrEnvironment().check(production);
    }

    @Test
    void the_hidden_time_rule_does_catch_a_call_to_now() {
        JavaClasses offender = new ClassFileImporter().importClasses(CallsNow.class);
        EvaluationResult result =
                noClassesCallingHiddenSources("dev.bunting.architecture..").evaluate(offender);
        assertThat(result.hasViolation()).isTrue();
    }

    private static ArchRule hiddenTimeRandomnessOrEnvironment() {
        return noClassesCallingHiddenSources("dev.bunting.domain..", "dev.bunting.application..");
    }

    private static ArchRule noClassesCallingHiddenSources(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .callMethodWhere(describe(
                        "now(), randomUUID(), getenv() or a system clock", ArchitectureTest::readsHiddenSource))
                .because("time comes from Clock, ids from IdGenerator and configuration from the composition root");
    }

    private static boolean readsHiddenSource(JavaMethodCall call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        boolean clock = CLOCK_TYPES.stream().anyMatch(type -> type.getName().equals(owner))
                && (name.equals("now") || name.startsWith("system"));
        boolean random = owner.equals(UUID.class.getName()) && name.equals("randomUUID");
        boolean environment = owner.equals(System.class.getName())
                && (name.equals("getenv") || name.equals("currentTimeMillis") || name.equals("nanoTime"));
        return clock || random || environment;
    }

    /** Uses only the JDK and JSpecify, as domain classes may. */
    static final class MarksNullness {
        @Nullable
        String optional() {
            return null;
        }
    }

    /** A deliberate offender: it depends on a library outside the JDK that is not JSpecify. */
    static final class ReachesOutside {
        Object library() {
            return Assertions.class;
        }
    }

    /** A deliberate offender, so the rule above is shown to fail when it should. */
    static final class CallsNow {
        Instant stamp() {
            return Instant.now();
        }
    }
}
