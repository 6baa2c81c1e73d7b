package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bunting.adapter.memory.InMemoryStore;
import dev.bunting.adapter.memory.InProcessConfigCache;
import dev.bunting.application.health.CheckHealth;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.evaluation.PreparedEnvironment;
import dev.bunting.domain.port.ConfigCache;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /health reports Redis beside the store, in the values the OpenAPI document lists, and a degraded Redis is no outage. */
class HealthApiTest {

    @ParameterizedTest
    @CsvSource({"LOCAL, not_configured", "SHARED, up", "DEGRADED, degraded"})
    void redis_is_reported_as_the_config_cache_finds_it_while_the_status_follows_the_store_alone(
            ConfigCache.Sharing sharing, String reported) throws IOException {
        HealthRoutes routes = new HealthRoutes(
                new CheckHealth(new InMemoryStore(TestApi.NOW), new Reporting(sharing)),
                new Responses(new Json()),
                Optional.empty());
        ApiRequest request = new ApiRequest("GET", "/health", Map.of(), Map.of(), new byte[0], "health-1", "127.0.0.1");

        Route health = routes.routes().stream()
                .filter(route -> route.path().template().equals("/health"))
                .findFirst()
                .orElseThrow();
        ApiResponse response = ((Route.Answer) health.serving())
                .handler()
                .handle(new Route.Call(request, Map.of(), new Json(), Caller.ANONYMOUS));

        JsonNode body = TestApi.MAPPER.readTree(response.body());
        assertThat(response.status()).isEqualTo(200);
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("store").asText()).isEqualTo("up");
        assertThat(body.path("redis").asText()).isEqualTo(reported);
        assertThat(documentedRedisStates()).contains(reported);
    }

    private static List<String> documentedRedisStates() throws IOException {
        try (InputStream in = HealthApiTest.class.getResourceAsStream(HealthRoutes.OPENAPI_RESOURCE)) {
            JsonNode health = TestApi.MAPPER.readTree(in).at("/components/schemas/Health");
            assertThat(health.path("required").toString()).contains("\"redis\"");
            return TestApi.MAPPER.convertValue(
                    health.at("/properties/redis/enum"),
                    TestApi.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        }
    }

    /** An in-process cache that reports the sharing state under test, as a Redis cache in that state would. */
    private static final class Reporting implements ConfigCache {
        private final ConfigCache cache = new InProcessConfigCache(Clock.systemUTC(), Duration.ofSeconds(60), 64);
        private final Sharing sharing;

        Reporting(Sharing sharing) {
            this.sharing = sharing;
        }

        @Override
        public PreparedEnvironment get(
                EnvironmentKey environment, Function<EnvironmentKey, PreparedEnvironment> loader) {
            return cache.get(environment, loader);
        }

        @Override
        public void invalidate(EnvironmentKey environment) {
            cache.invalidate(environment);
        }

        @Override
        public void invalidateAll() {
            cache.invalidateAll();
        }

        @Override
        public int capacity() {
            return cache.capacity();
        }

        @Override
        public void subscribe(InvalidationListener listener) {
            cache.subscribe(listener);
        }

        @Override
        public Sharing sharing() {
            return sharing;
        }
    }
}
