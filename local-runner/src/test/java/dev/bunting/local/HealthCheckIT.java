package dev.bunting.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The container's probe says healthy for a running runner and unhealthy where nothing answers. */
class HealthCheckIT {

    @Test
    void a_running_runner_is_healthy() {
        try (TestServer server = TestServer.start()) {
            assertThat(HealthCheck.healthy(URI.create(server.baseUrl() + "/health")))
                    .isTrue();
        }
    }

    @Test
    void a_port_where_nothing_listens_is_not() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThat(HealthCheck.healthy(URI.create("http://localhost:" + port + "/health")))
                .isFalse();
    }
}
