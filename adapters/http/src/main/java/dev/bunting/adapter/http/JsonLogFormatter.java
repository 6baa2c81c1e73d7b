package dev.bunting.adapter.http;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats java.util.logging records as one JSON object per line, as the request log writes its lines: whatever a
 * message or an exception holds (line breaks, quotes, escape sequences, text that looks like a log line), it stays
 * inside one string, so no input can forge or split a line. Both runtimes install it for every logger, libraries'
 * included (Undertow, and SLF4J through its JDK binding).
 */
public final class JsonLogFormatter extends Formatter {

    /** Longer messages and stack traces are cut: a log line is for reading, not a channel for flooding. */
    static final int MAX_FIELD_LENGTH = 16_384;

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(256)
                .append("{\"time\":")
                .append(LogJson.quote(record.getInstant().toString()))
                .append(",\"level\":")
                .append(LogJson.quote(record.getLevel().getName()))
                .append(",\"logger\":")
                .append(LogJson.quote(record.getLoggerName()))
                .append(",\"message\":")
                .append(LogJson.quote(cut(formatMessage(record))));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(",\"error\":").append(LogJson.quote(cut(trace.toString())));
        }
        return line.append("}").append(System.lineSeparator()).toString();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_FIELD_LENGTH ? text : text.substring(0, MAX_FIELD_LENGTH) + "…";
    }
}
