package dev.bunting.adapter.memory;

import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.audit.AuditRecord;
import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.experiment.ExperimentKey;
import dev.bunting.domain.experiment.ExperimentRun;
import dev.bunting.domain.experiment.ExperimentStatus;
import dev.bunting.domain.flag.EnvironmentConfig;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagKey;
import dev.bunting.domain.flag.FlagState;
import dev.bunting.domain.identity.Email;
import dev.bunting.domain.identity.Role;
import dev.bunting.domain.identity.User;
import dev.bunting.domain.identity.UserId;
import dev.bunting.domain.key.AccessKey;
import dev.bunting.domain.key.KeyId;
import dev.bunting.domain.port.AuditCursor;
import dev.bunting.domain.port.AuditPage;
import dev.bunting.domain.port.AuditQuery;
import dev.bunting.domain.port.AuditTrail;
import dev.bunting.domain.port.EnvironmentRepository;
import dev.bunting.domain.port.ExperimentAlreadyRunningException;
import dev.bunting.domain.port.ExperimentQuery;
import dev.bunting.domain.port.ExperimentRepository;
import dev.bunting.domain.port.FlagPage;
import dev.bunting.domain.port.FlagQuery;
import dev.bunting.domain.port.FlagRepository;
import dev.bunting.domain.port.KeyRepository;
import dev.bunting.domain.port.Store;
import dev.bunting.domain.port.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A store in memory with the same contract as the PostgreSQL one: transactions are serialised and roll back by
 * restoring a copy taken when they began, audit trail included.
 */
public final class InMemoryStore implements Store {

    private final ReentrantLock lock = new ReentrantLock();
    private State state;

    public InMemoryStore(Instant createdAt) {
        this.state = new State();
        Environment.defaults(createdAt).forEach(e -> state.environments.put(e.key(), e));
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        lock.lock();
        State before = state.copy();
        try {
            return work.run(new Repositories(
                    new Flags(),
                    new Environments(),
                    new Users(),
                    new Keys(),
                    entry -> state.audit.add(entry),
                    new Trail(),
                    new Experiments()));
        } catch (RuntimeException | Error e) {
            state = before;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** The audit entries of committed transactions, oldest first. */
    public List<AuditEntry> auditTrail() {
        lock.lock();
        try {
            return List.copyOf(state.audit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isReachable() {
        return true;
    }

    private static final class State {
        final Map<FlagKey, Flag> flags = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        final Map<EnvironmentKey, Environment> environments =
                new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        final Map<ConfigId, EnvironmentConfig> configs = new HashMap<>();
        final List<AuditEntry> audit = new ArrayList<>();
        final Map<UserId, User> users = new HashMap<>();
        final Set<String> revokedTokens = new HashSet<>();
        final Map<KeyId, AccessKey> keys = new HashMap<>();
        final Map<ExperimentKey, Experiment> experiments =
                new TreeMap<>((a, b) -> a.value().compareTo(b.value()));

        State copy() {
            State copy = new State();
            copy.flags.putAll(flags);
            copy.environments.putAll(environments);
            copy.configs.putAll(configs);
            copy.audit.addAll(audit);
            copy.users.putAll(users);
            copy.revokedTokens.addAll(revokedTokens);
            copy.keys.putAll(keys);
            copy.experiments.putAll(experiments);
            return copy;
        }
    }

    private record ConfigId(FlagKey flag, EnvironmentKey environment) {}

    private final class Experiments implements ExperimentRepository {

        @Override
        public Optional<Experiment> find(ExperimentKey key) {
            return Optional.ofNullable(state.experiments.get(key));
        }

        @Override
        public List<Experiment> list(ExperimentQuery query) {
            return state.experiments.values().stream().filter(query::matches).toList();
        }

        @Override
        public Optional<Experiment> running(FlagKey flag, EnvironmentKey environment) {
            return state.experiments.values().stream()
                    .filter(e -> e.status() == ExperimentStatus.RUNNING
                            && e.flag().equals(flag)
                            && e.environment().equals(environment))
                    .findFirst();
        }

        @Override
        public boolean insert(Experiment experiment) {
            return state.experiments.putIfAbsent(experiment.key(), experiment) == null;
        }

        @Override
        public boolean update(Experiment experiment) {
            Experiment stored = state.experiments.get(experiment.key());
            if (stored == null || stored.version() != experiment.version() - 1) {
                return false;
            }
            if (experiment.status() == ExperimentStatus.RUNNING
                    && running(experiment.flag(), experiment.environment())
                            .filter(other -> !other.key().equals(experiment.key()))
                            .isPresent()) {
                throw new ExperimentAlreadyRunningException(experiment.flag(), experiment.environment());
            }
            state.experiments.put(experiment.key(), experiment);
            return true;
        }

        @Override
        public boolean delete(ExperimentKey key, long expectedVersion) {
            Experiment stored = state.experiments.get(key);
            if (stored == null || stored.version() != expectedVersion) {
                return false;
            }
            state.experiments.remove(key);
            return true;
        }
    }

    private final class Flags implements FlagRepository {

        @Override
        public Optional<Flag> find(FlagKey key) {
            return Optional.ofNullable(state.flags.get(key));
        }

        @Override
        public FlagPage list(FlagQuery query) {
            List<Flag> matching = state.flags.values().stream()
                    .filter(flag -> matches(flag, query))
                    .toList();
            List<Flag> page =
                    matching.stream().skip(query.offset()).limit(query.limit()).toList();
            return new FlagPage(page, matching.size());
        }

        private boolean matches(Flag flag, FlagQuery query) {
            if (!query.state().admits(flag.isArchived())) {
                return false;
            }
            if (query.tag() != null && !flag.tags().contains(query.tag())) {
                return false;
            }
            if (query.text() == null) {
                return true;
            }
            String text = query.text().toLowerCase(Locale.ROOT);
            return flag.key().value().contains(text)
                    || flag.name().toLowerCase(Locale.ROOT).contains(text)
                    || (flag.description() != null
                            && flag.description().toLowerCase(Locale.ROOT).contains(text));
        }

        @Override
        public boolean insert(Flag flag) {
            return state.flags.putIfAbsent(flag.key(), flag) == null;
        }

        @Override
        public boolean update(Flag flag) {
            Flag stored = state.flags.get(flag.key());
            if (stored == null || stored.version() != flag.version() - 1) {
                return false;
            }
            state.flags.put(flag.key(), flag);
            return true;
        }

        @Override
        public boolean delete(FlagKey key, long expectedVersion) {
            Flag stored = state.flags.get(key);
            if (stored == null || stored.version() != expectedVersion) {
                return false;
            }
            state.flags.remove(key);
            state.configs.keySet().removeIf(id -> id.flag().equals(key));
            return true;
        }

        @Override
        public Optional<EnvironmentConfig> findConfig(FlagKey flag, EnvironmentKey environment) {
            return Optional.ofNullable(state.configs.get(new ConfigId(flag, environment)));
        }

        @Override
        public boolean saveConfig(EnvironmentConfig config) {
            if (!state.flags.containsKey(config.flag()) || !state.environments.containsKey(config.environment())) {
                return false;
            }
            ConfigId id = new ConfigId(config.flag(), config.environment());
            EnvironmentConfig stored = state.configs.get(id);
            long storedVersion = stored == null ? 0 : stored.version();
            if (storedVersion != config.version() - 1) {
                return false;
            }
            state.configs.put(id, config);
            return true;
        }

        @Override
        public List<FlagState> statesIn(EnvironmentKey environment) {
            List<FlagState> states = new ArrayList<>();
            for (Flag flag : state.flags.values()) {
                if (flag.isArchived()) {
                    continue;
                }
                EnvironmentConfig config = state.configs.get(new ConfigId(flag.key(), environment));
                states.add(new FlagState(
                        flag,
                        config != null ? config : EnvironmentConfig.initial(flag, environment),
                        new Experiments().running(flag.key(), environment).flatMap(ExperimentRun::of)));
            }
            return states;
        }
    }

    private final class Users implements UserRepository {

        @Override
        public Optional<User> find(UserId id) {
            return Optional.ofNullable(state.users.get(id));
        }

        @Override
        public Optional<User> findByEmail(Email email) {
            return state.users.values().stream()
                    .filter(user -> user.email().equals(email))
                    .findFirst();
        }

        @Override
        public boolean insert(User user) {
            String skeleton = user.email().skeleton();
            if (state.users.containsKey(user.id())
                    || state.users.values().stream()
                            .anyMatch(other -> other.email().skeleton().equals(skeleton))) {
                return false;
            }
            state.users.put(user.id(), user);
            return true;
        }

        @Override
        public boolean update(User user) {
            return state.users.computeIfPresent(
                            user.id(),
                            (id, stored) -> new User(
                                    stored.id(),
                                    stored.email(),
                                    user.passwordHash(),
                                    user.role(),
                                    stored.createdAt(),
                                    user.credentialsChangedAt()))
                    != null;
        }

        @Override
        public List<User> list() {
            return state.users.values().stream()
                    .sorted(java.util.Comparator.comparing(user -> user.email().value()))
                    .toList();
        }

        /** Units of work are serialised already, so holding the admins needs nothing more. */
        @Override
        public List<User> lockAdmins() {
            return list().stream().filter(user -> user.role() == Role.ADMIN).toList();
        }

        @Override
        public long count() {
            return state.users.size();
        }

        @Override
        public void revokeToken(String tokenId, Instant expiresAt) {
            state.revokedTokens.add(tokenId);
        }

        @Override
        public boolean isTokenRevoked(String tokenId) {
            return state.revokedTokens.contains(tokenId);
        }
    }

    /** Entries are numbered by their place in the list, from 1, as a database sequence would number them. */
    private final class Trail implements AuditTrail {

        @Override
        public AuditPage list(AuditQuery query) {
            List<AuditRecord> page = new ArrayList<>();
            long start = query.cursor() == null
                    ? state.audit.size()
                    : Math.min(query.cursor().before() - 1, state.audit.size());
            for (long id = start; id >= 1; id--) {
                AuditEntry entry = state.audit.get((int) (id - 1));
                if (!matches(entry, query)) {
                    continue;
                }
                if (page.size() == query.limit()) {
                    return new AuditPage(page, new AuditCursor(page.getLast().id()));
                }
                page.add(AuditRecord.of(id, entry));
            }
            return new AuditPage(page, null);
        }

        private static boolean matches(AuditEntry entry, AuditQuery query) {
            return (query.actor() == null
                            || query.actor().equals(entry.actor().id())
                            || query.actor().equals(entry.actor().name()))
                    && (query.action() == null || query.action().equals(entry.action()))
                    && (query.entity() == null || query.entity().equals(entry.entity()))
                    && (query.entityTypes() == null
                            || query.entityTypes().contains(entry.entity().type()))
                    && (query.environment() == null || query.environment().equals(entry.environment()))
                    && (query.from() == null || !entry.at().isBefore(query.from()))
                    && (query.to() == null || entry.at().isBefore(query.to()));
        }
    }

    private final class Environments implements EnvironmentRepository {

        @Override
        public List<Environment> list() {
            return List.copyOf(state.environments.values());
        }

        @Override
        public Optional<Environment> find(EnvironmentKey key) {
            return Optional.ofNullable(state.environments.get(key));
        }

        @Override
        public boolean insert(Environment environment) {
            return state.environments.putIfAbsent(environment.key(), environment) == null;
        }

        @Override
        public boolean update(Environment environment) {
            return state.environments.replace(environment.key(), environment) != null;
        }

        @Override
        public boolean delete(EnvironmentKey key) {
            if (state.environments.remove(key) == null) {
                return false;
            }
            state.configs.keySet().removeIf(id -> id.environment().equals(key));
            return true;
        }
    }

    private final class Keys implements KeyRepository {

        @Override
        public boolean insert(AccessKey key) {
            boolean prefixTaken =
                    state.keys.values().stream().anyMatch(k -> k.prefix().equals(key.prefix()));
            return !prefixTaken && state.keys.putIfAbsent(key.id(), key) == null;
        }

        @Override
        public Optional<AccessKey> find(KeyId id) {
            return Optional.ofNullable(state.keys.get(id));
        }

        @Override
        public Optional<AccessKey> findByPrefix(String prefix) {
            return state.keys.values().stream()
                    .filter(k -> k.prefix().equals(prefix))
                    .findFirst();
        }

        @Override
        public List<AccessKey> list() {
            return state.keys.values().stream()
                    .sorted(Comparator.comparing(AccessKey::createdAt)
                            .reversed()
                            .thenComparing(k -> k.id().value()))
                    .toList();
        }

        @Override
        public boolean revoke(KeyId id, Instant at) {
            AccessKey key = state.keys.get(id);
            if (key == null || key.isRevoked()) {
                return false;
            }
            state.keys.put(id, key.revokedAt(at));
            return true;
        }

        @Override
        public void markUsed(KeyId id, Instant at) {
            state.keys.computeIfPresent(id, (k, key) -> key.usedAt(at));
        }
    }
}
