package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.adapter.http.JsonLogFormatter;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LambdaLoggingTest {

    /** Lambda loads a function's handler class first: from then on every record is one JSON line on standard error. */
    @ParameterizedTest
    @ValueSource(classes = {EvaluationHandler.class, ManagementHandler.class, MigrationHandler.class})
    void loading_a_functions_handler_makes_every_log_record_a_json_line(Class<?> handler) throws Exception {
        Class.forName(handler.getName(), true, handler.getClassLoader());

        assertThat(Logger.getLogger("").getHandlers())
                .isNotEmpty()
                .allSatisfy(h -> assertThat(h.getFormatter()).isInstanceOf(JsonLogFormatter.class));
    }
}
