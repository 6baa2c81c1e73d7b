package dev.bunting.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Latencies measured by the end-to-end tests, in nanoseconds: their percentiles, and a line for the test's output. */
final class Latencies {

    private Latencies() {}

    /** The nearest-rank percentile. */
    static long percentile(List<Long> nanos, int percent) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /** Minimum, p50, p90, p99 and maximum, in milliseconds; "none" when nothing was measured. */
    static String distribution(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "none";
        }
        return String.format(
                Locale.ROOT,
                "ms: min %.2f, p50 %.2f, p90 %.2f, p99 %.2f, max %.2f",
                millis(Collections.min(nanos)),
                millis(percentile(nanos, 50)),
                millis(percentile(nanos, 90)),
                millis(percentile(nanos, 99)),
                millis(Collections.max(nanos)));
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
