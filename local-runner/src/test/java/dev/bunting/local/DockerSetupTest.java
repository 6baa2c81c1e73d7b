package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and the Dockerfile, checked without a Docker engine (none runs here): the services, health
 * checks and volumes the compose file promises, runner settings that the runner accepts and docs/configuration.md documents, and
 * a Dockerfile whose every copied path exists.
 */
class DockerSetupTest {

    private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
            .toAbsolutePath()
            .normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SHELL_DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");

    private final JsonNode compose = read(ROOT.resolve("docker-compose.yml"));

    @Test
    void postgres_17_and_redis_7_run_with_health_checks_and_named_volumes() {
        JsonNode services = compose.path("services");

        assertThat(services.path("postgres").path("image").asText()).startsWith("postgres:17");
        assertThat(services.path("redis").path("image").asText()).startsWith("redis:7");
        for (String service : List.of("postgres", "redis")) {
            assertThat(services.path(service).path("healthcheck").path("test").isEmpty())
                    .as(service)
                    .isFalse();
            String volume =
                    services.path(service).path("volumes").get(0).asText().split(":")[0];
            assertThat(compose.path("volumes").has(volume))
                    .as("%s's volume %s is declared", service, volume)
                    .isTrue();
        }
    }

    @Test
    void the_runner_is_built_here_and_starts_once_both_are_healthy() {
        JsonNode bunting = compose.path("services").path("bunting");

        assertThat(bunting.path("build").asText()).isEqualTo(".");
        assertThat(bunting.path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(bunting.path("depends_on").path("redis").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(compose.path("volumes")
                        .has(bunting.path("volumes").get(0).asText().split(":")[0]))
                .isTrue();
    }

    @Test
    void the_runner_accepts_its_environment_and_the_configuration_page_documents_every_variable() throws IOException {
        Map<String, String> environment = new HashMap<>();
        compose.path("services")
                .path("bunting")
                .path("environment")
                .properties()
                .forEach(variable -> environment.put(
                        variable.getKey(), withShellDefaults(variable.getValue().asText())));
        String readme = Files.readString(ROOT.resolve("docs/configuration.md"));

        RunnerSettings settings = RunnerSettings.fromEnvironment(environment);

        assertThat(settings.databaseUrl().orElseThrow().jdbcUrl()).contains("//postgres:5432/bunting");
        assertThat(settings.redis()).isPresent();
        assertThat(environment.keySet())
                .allSatisfy(variable -> assertThat(readme).contains("`" + variable + "`"));
    }

    @Test
    void localstack_comes_only_with_its_profile() {
        assertThat(compose.path("services")
                        .path("localstack")
                        .path("profiles")
                        .get(0)
                        .asText())
                .isEqualTo("localstack");
        assertThat(compose.path("services")
                        .path("localstack")
                        .path("environment")
                        .path("SERVICES")
                        .asText())
                .contains("secretsmanager");
    }

    @Test
    void the_dockerfile_builds_in_one_stage_runs_the_runner_in_another_and_copies_only_what_exists()
            throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));

        assertThat(lines)
                .filteredOn(line -> line.startsWith("FROM "))
                .hasSize(2)
                .first()
                .asString()
                .endsWith(" AS build");
        assertThat(lines)
                .filteredOn(line -> line.startsWith("ENTRYPOINT "))
                .singleElement()
                .asString()
                .contains(Main.class.getName());
        assertThat(lines)
                .filteredOn(line -> line.startsWith("HEALTHCHECK "))
                .singleElement()
                .asString()
                .contains(HealthCheck.class.getName());
        for (String line : lines) {
            if (line.startsWith("COPY ") && !line.startsWith("COPY --from")) {
                String[] parts = line.split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    assertThat(ROOT.resolve(parts[i])).as(line).exists();
                }
            }
        }
    }

    @Test
    void the_image_starts_the_jvm_with_the_memory_settings_of_the_run_command() throws IOException {
        Matcher options = Pattern.compile("<bunting.jvm.options>([^<]+)</bunting.jvm.options>")
                .matcher(Files.readString(ROOT.resolve("local-runner/pom.xml")));
        assertThat(options.find()).isTrue();
        List<String> runCommand = List.of(options.group(1).strip().split("\\s+"));
        assertThat(runCommand).anyMatch(option -> option.startsWith("-Xmx"));

        String entrypoint = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("ENTRYPOINT "))
                .findFirst()
                .orElseThrow();
        List<String> image = Pattern.compile("\"([^\"]+)\"")
                .matcher(entrypoint)
                .results()
                .map(match -> match.group(1))
                .filter(argument -> argument.startsWith("-X"))
                .toList();

        assertThat(image).isEqualTo(runCommand);
    }

    private static String withShellDefaults(String value) {
        Matcher matcher = SHELL_DEFAULT.matcher(value);
        return matcher.replaceAll(result -> Matcher.quoteReplacement(result.group(1)));
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
