package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.http.JsonLogFormatter;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LambdaLoggingTest {

    @Test
    void once_installed_every_log_record_is_a_json_line() {
        LambdaLogging.install();

        assertThat(Logger.getLogger("").getHandlers())
                .isNotEmpty()
                .allSatisfy(h -> assertThat(h.getFormatter()).isInstanceOf(JsonLogFormatter.class));
    }
}
