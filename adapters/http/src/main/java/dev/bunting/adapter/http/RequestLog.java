package dev.bunting.adapter.http;

/** Receives one record per request, for the runtime to write as a structured log line. */
@FunctionalInterface
public interface RequestLog {

    void record(Entry entry);

    /** @param route the matched route template, so log lines group by operation rather than by path */
    record Entry(String requestId, String method, String route, int status, long durationMicros) {
        /** One JSON line; every field is safe text (no tokens, bodies or query strings). */
        public String toJsonLine() {
            return "{\"request_id\":" + LogJson.quote(requestId) + ",\"method\":" + LogJson.quote(method)
                    + ",\"route\":" + LogJson.quote(route) + ",\"status\":" + status + ",\"duration_ms\":"
                    + milliseconds(durationMicros) + "}";
        }

        /** Milliseconds with three decimals, without String.format, which costs more than the rest of the line. */
        private static String milliseconds(long micros) {
            long fraction = micros % 1000;
            String padded = fraction < 10 ? "00" + fraction : fraction < 100 ? "0" + fraction : Long.toString(fraction);
            return (micros / 1000) + "." + padded;
        }
    }
}
