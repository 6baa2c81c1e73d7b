package dev.bunting.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLogFormatterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nul \u0000 inside",
                "line one\r\n{\"time\":\"2026-01-01T00:00:00Z\",\"level\":\"SEVERE\",\"message\":\"forged\"}",
                "quotes \" and backslashes \\ and \u001b[31mANSI red\u001b[0m",
                "separators \u2028 \u2029 and C1 \u0085 \u009b and a lone surrogate \ud800 here",
            })
    void a_record_is_one_json_line_holding_its_text_exactly(String hostile) throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "serving " + hostile);
        record.setLoggerName("dev.bunting.test");
        record.setThrown(new IllegalStateException("failed on " + hostile));

        String formatted = new JsonLogFormatter().format(record);

        assertThat(formatted).endsWith(System.lineSeparator());
        String line = formatted.substring(
                0, formatted.length() - System.lineSeparator().length());
        assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u001b", "\u0085");
        JsonNode json = TestApi.MAPPER.readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("WARNING");
        assertThat(json.path("logger").asText()).isEqualTo("dev.bunting.test");
        assertThat(json.path("message").asText()).isEqualTo("serving " + hostile);
        assertThat(json.path("error").asText()).startsWith("java.lang.IllegalStateException: failed on ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local-1\n{\"status\":200}", "id \u0000 \u001b[2J"})
    void a_request_log_line_is_valid_json_whatever_the_request_id_holds(String requestId) throws Exception {
        String line = new RequestLog.Entry(requestId, "GET", "/flags", 200, 1234).toJsonLine();

        assertThat(line).doesNotContain("\n", "\u0000", "\u001b");
        assertThat(TestApi.MAPPER.readTree(line).path("request_id").asText()).isEqualTo(requestId);
    }
}
