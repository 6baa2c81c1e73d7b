package dev.bunting.application;

import dev.bunting.adapter.evaluation.Evaluators;
import dev.bunting.adapter.memory.CaffeineKeyCache;
import dev.bunting.adapter.memory.InMemoryMeasurements;
import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.application.audit.ReadAuditTrail;
import dev.bunting.application.environment.CreateEnvironment;
import dev.bunting.application.environment.DeleteEnvironment;
import dev.bunting.application.environment.GetEnvironment;
import dev.bunting.application.environment.ListEnvironments;
import dev.bunting.application.environment.UpdateEnvironment;
import dev.bunting.application.evaluation.EnvironmentRules;
import dev.bunting.application.evaluation.EvaluateAllFlags;
import dev.bunting.application.evaluation.EvaluateFlag;
import dev.bunting.application.evaluation.GetConfigSnapshot;
import dev.bunting.application.experiment.ChangeExperiment;
import dev.bunting.application.experiment.CreateExperiment;
import dev.bunting.application.experiment.DeleteExperiment;
import dev.bunting.application.experiment.ExperimentWrites;
import dev.bunting.application.experiment.ReadExperiments;
import dev.bunting.application.flag.ArchiveFlag;
import dev.bunting.application.flag.ChangeFlagConfig;
import dev.bunting.application.flag.CreateFlag;
import dev.bunting.application.flag.DeleteFlag;
import dev.bunting.application.flag.GetFlag;
import dev.bunting.application.flag.GetFlagConfig;
import dev.bunting.application.flag.ListFlags;
import dev.bunting.application.flag.RestoreFlag;
import dev.bunting.application.flag.UpdateFlag;
import dev.bunting.application.identity.Principal;
import dev.bunting.application.key.KeyRevocations;
import dev.bunting.application.key.KnownKeys;
import dev.bunting.application.measurement.MeasureEvaluations;
import dev.bunting.application.measurement.MeasurementBuffer;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Every use case wired over the in-memory store, an in-process cache and a fixed clock. */
final class UseCases {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final Principal ADMIN =
            new Principal.SignedIn(new UserId("admin"), new Email("admin@example.com"), Role.ADMIN);
    static final Principal DEVELOPER =
            new Principal.SignedIn(new UserId("dev"), new Email("dev@example.com"), Role.DEVELOPER);
    static final Principal VIEWER =
            new Principal.SignedIn(new UserId("viewer"), new Email("viewer@example.com"), Role.VIEWER);

    final InMemoryStore store = new InMemoryStore(NOW);
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InProcessConfigCache cache = new InProcessConfigCache(clock, Duration.ofSeconds(60), 64);
    final Evaluator evaluator = Evaluators.standard();
    final KeyRevocations keyRevocations =
            new KeyRevocations(new CaffeineKeyCache(Duration.ofSeconds(10), 100), new KnownKeys());

    final CreateFlag createFlag = new CreateFlag(store, cache, clock);
    final UpdateFlag updateFlag = new UpdateFlag(store, cache, clock);
    final DeleteFlag deleteFlag = new DeleteFlag(store, cache, clock);
    final ArchiveFlag archiveFlag = new ArchiveFlag(store, cache, clock);
    final RestoreFlag restoreFlag = new RestoreFlag(store, cache, clock);
    final GetFlag getFlag = new GetFlag(store);
    final ListFlags listFlags = new ListFlags(store);
    final GetFlagConfig getFlagConfig = new GetFlagConfig(store);
    final ListEnvironments listEnvironments = new ListEnvironments(store);
    final GetEnvironment getEnvironment = new GetEnvironment(store);
    final CreateEnvironment createEnvironment = new CreateEnvironment(store, clock);
    final DeleteEnvironment deleteEnvironment = new DeleteEnvironment(store, cache, keyRevocations, clock);
    final EnvironmentRules rules =
            new EnvironmentRules(store, cache, evaluator, new StoreBreaker(clock, Runnable::run), clock);
    final ChangeFlagConfig changeConfig = new ChangeFlagConfig(store, cache, evaluator, rules, clock);
    final InMemoryMeasurements measurements = new InMemoryMeasurements();
    final MeasurementBuffer measurementBuffer = new MeasurementBuffer(measurements, clock, 10_000, Duration.ZERO);
    final MeasureEvaluations measure = new MeasureEvaluations(measurementBuffer, clock);
    final EvaluateFlag evaluateFlag = new EvaluateFlag(rules, measure);
    final EvaluateAllFlags evaluateAllFlags = new EvaluateAllFlags(rules, measure);
    final GetConfigSnapshot getConfigSnapshot = new GetConfigSnapshot(rules);
    final UpdateEnvironment updateEnvironment = new UpdateEnvironment(store, cache, clock);
    final ReadAuditTrail readAuditTrail = new ReadAuditTrail(store);
    final CreateExperiment createExperiment = new CreateExperiment(store, clock);
    final ReadExperiments readExperiments = new ReadExperiments(store);
    final ChangeExperiment changeExperiment = new ChangeExperiment(new ExperimentWrites(store, cache, rules, clock));
    final DeleteExperiment deleteExperiment = new DeleteExperiment(store, clock);
}
