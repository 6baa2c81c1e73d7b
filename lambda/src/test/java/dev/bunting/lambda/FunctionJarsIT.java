package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jars the package phase builds, one per function: each small, and holding only what its function runs. The
 * evaluation jar lacks Argon2, JNA, Flyway and the classes that create tokens altogether, so that its answering in
 * {@link LambdaRuntimeIT} proves it never loads them.
 */
class FunctionJarsIT {

    private static final long MAX_BYTES = 20L * 1024 * 1024;
    /** Lettuce, with Netty and Reactor, takes most of a second to start; the functions talk to Redis through Jedis. */
    private static final List<String> NEVER = List.of(
            "io/lettuce/",
            "io/netty/",
            "reactor/core/",
            "io/zonky/",
            "io/undertow/",
            "org/junit/",
            "org/assertj/",
            "org/testcontainers/",
            "redis/embedded/",
            "dev/bunting/local/",
            "dev/bunting/adapter/embedded/",
            "dev/bunting/lambda/LambdaRuntimeIT");

    @ParameterizedTest
    @ValueSource(strings = {"evaluation", "management", "migration"})
    void each_function_jar_is_at_most_20_mib_with_no_embedded_database_http_server_or_test_code(String function)
            throws IOException {
        Path jar = jar(function);
        System.out.printf(
                "FunctionJarsIT: %s jar %,d bytes (%.1f MiB)%n",
                function, Files.size(jar), Files.size(jar) / 1024.0 / 1024.0);

        assertThat(Files.size(jar)).isLessThanOrEqualTo(MAX_BYTES);
        assertThat(entries(jar)).noneMatch(entry -> NEVER.stream().anyMatch(entry::startsWith));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "de/mkammerer/argon2/",
                "com/sun/jna/",
                "org/flywaydb/",
                "com/auth0/jwt/JWTCreator",
                "dev/bunting/adapter/argon2/",
                "dev/bunting/adapter/jwt/JwtTokenIssuer",
                "dev/bunting/composition/signin/SignInModule",
                "db/migration/",
                "me/gosimple/",
                "dev/bunting/adapter/nbvcxz/"
            })
    void the_evaluation_jar_holds_no_password_hashing_token_issuing_or_migrations(String prefix) throws IOException {
        assertThat(entries(jar("evaluation"))).noneMatch(entry -> entry.startsWith(prefix));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dev/bunting/adapter/jwt/JwtTokenVerifier.class",
                "dev/bunting/lambda/EvaluationHandler.class",
                "com/auth0/jwt/JWTVerifier.class"
            })
    void the_evaluation_jar_holds_what_checking_tokens_and_evaluating_take(String entry) throws IOException {
        assertThat(entries(jar("evaluation"))).contains(entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"org/flywaydb/", "db/migration/", "io/github/bucket4j/"})
    void the_management_jar_holds_no_migrations_or_key_rate_limiter(String prefix) throws IOException {
        assertThat(entries(jar("management"))).noneMatch(entry -> entry.startsWith(prefix));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "redis/clients/jedis/",
                "dev/bunting/lambda/EvaluationHandler",
                "dev/bunting/lambda/ManagementHandler"
            })
    void the_migration_jar_holds_no_redis_client_or_api_handlers(String prefix) throws IOException {
        assertThat(entries(jar("migration"))).noneMatch(entry -> entry.startsWith(prefix));
        assertThat(entries(jar("migration"))).anyMatch(entry -> entry.startsWith("db/migration/V1__"));
    }

    private static Path jar(String function) throws IOException {
        try (var built = Files.list(TemplateTest.repositoryRoot().resolve("lambda/target"))) {
            return built.filter(
                            path -> path.getFileName().toString().matches("bunting-lambda-.*-" + function + "\\.jar"))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("no " + function + " jar in lambda/target: the package phase makes it"));
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
