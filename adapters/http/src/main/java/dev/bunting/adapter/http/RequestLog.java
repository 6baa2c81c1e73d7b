package dev.bunting.adapter.http;

/** Receives one record per request, for the runtime to write as a structured log line. */
@FunctionalInterface
public interface RequestLog {

    void record(Entry entry);

    /** @param route the matched route template, so log lines group by operation rather than by path */
    record Entry(String requestId, String method, String route, int status, long durationMicros) {
        /** One JSON line; every field is safe text (no tokens, bodies or query strings). */
        public String toJsonLine() {
            return "{\"request_id\":\"" + escape(requestId) + "\",\"method\":\"" + escape(method) + "\",\"route\":\"" + escape(route)
                    + "\",\"status\":" + status + ",\"duration_ms\":" + milliseconds(durationMicros) + "}";
        }

        /** Milliseconds with three decimals, without String.format, which costs more than the rest of the line. */
        private static String milliseconds(long micros) {
            long fraction = micros % 1000;
            String padded = fraction < 10 ? "00" + fraction : fraction < 100 ? "0" + fraction : Long.toString(fraction);
            return (micros / 1000) + "." + padded;
        }

        private static String escape(String text) {
            if (text == null) {
                return "";
            }
            StringBuilder out = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
