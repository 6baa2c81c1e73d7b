package dev.bunting.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The container's health probe: asks the runner in the same container for {@code /health}, since the JRE image has
 * no curl. Exits 0 when it answers 200, 1 otherwise.
 */
final class HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private HealthCheck() {}

    public static void main(String[] args) {
        int port = Optional.ofNullable(System.getenv("BUNTING_PORT"))
                .map(Integer::parseInt)
                .orElse(8080);
        System.exit(healthy(URI.create("http://localhost:" + port + "/health")) ? 0 : 1);
    }

    static boolean healthy(URI health) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpRequest request =
                    HttpRequest.newBuilder(health).timeout(TIMEOUT).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
