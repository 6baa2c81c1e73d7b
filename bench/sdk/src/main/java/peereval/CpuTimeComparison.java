package peereval;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules+split rows that issue H's OpenFeature targets compare, measured in this thread's CPU time instead of wall
 * time, and interleaved: every round runs a batch of each row in turn, so that a machine whose load comes and goes
 * charges every row alike. JMH measures each benchmark minutes apart, and on a shared 2-core machine the wall time of
 * a row measured while other builds run is many times its CPU time, so JMH's ratios there say more about the load
 * than about the code. The states are the JMH benchmarks' own (same flags, same users, same setup checks), and each
 * call is the JMH benchmark method's. Each row's time is the median and the fastest of its rounds; its ratios to
 * LaunchDarkly and flagd are the median of the ratios within each round.
 *
 * <p>Run: {@code java -cp target/benchmarks.jar peereval.CpuTimeComparison [rounds] [rows]} (15 rounds by default,
 * about 3 minutes). {@code rows} is a regular expression naming the rows to run beside LaunchDarkly and flagd (all by
 * default): {@code buntingSdkOpenFeature} alone measures the provider as an application using only it runs it, with
 * no other provider behind OpenFeature's client and no direct client beside it in the JVM.
 */
public final class CpuTimeComparison {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long BATCH_CPU_NANOS = 40_000_000;

    private static long sink;

    /** One row: {@code calls} calls of its benchmark method. */
    private interface Row {
        void run(int calls);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Pattern only = Pattern.compile(args.length > 1 ? args[1] : ".*");
        RulesSplitBenchmark bench = new RulesSplitBenchmark();
        RulesSplitBenchmark.BuntingSdk sdk = new RulesSplitBenchmark.BuntingSdk();
        RulesSplitBenchmark.LaunchDarkly ld = new RulesSplitBenchmark.LaunchDarkly();
        RulesSplitBenchmark.Flagd flagd = new RulesSplitBenchmark.Flagd();
        RulesSplitBenchmark.Constant constant = new RulesSplitBenchmark.Constant();
        sdk.setUp(!only.matcher("buntingSdk").matches());
        ld.setUp();
        flagd.setUp();
        if (only.matcher("openFeatureSdkOnly").matches() || only.matcher("openFeatureContextRead").matches()) {
            constant.setUp();
        }

        Map<String, Row> rows = new LinkedHashMap<>();
        rows.put("launchDarkly", n -> {
            for (int i = 0; i < n; i++) {
                sink += bench.launchDarkly(ld) ? 1 : 0;
            }
        });
        rows.put("flagdOpenFeature", n -> {
            for (int i = 0; i < n; i++) {
                sink += bench.flagdOpenFeature(flagd) ? 1 : 0;
            }
        });
        rows.put("buntingSdk", n -> {
            for (int i = 0; i < n; i++) {
                sink += bench.buntingSdk(sdk) ? 1 : 0;
            }
        });
        rows.put("buntingSdkOpenFeature", n -> {
            for (int i = 0; i < n; i++) {
                sink += bench.buntingSdkOpenFeature(sdk) ? 1 : 0;
            }
        });
        rows.put("openFeatureSdkOnly", n -> {
            for (int i = 0; i < n; i++) {
                sink += bench.openFeatureSdkOnly(constant) ? 1 : 0;
            }
        });
        rows.put("openFeatureContextRead", n -> {
            for (int i = 0; i < n; i++) {
                sink += bench.openFeatureContextRead(constant) ? 1 : 0;
            }
        });

        rows.keySet().removeIf(name ->
                !name.equals("launchDarkly") && !name.equals("flagdOpenFeature") && !only.matcher(name).matches());

        // warm-up, and the batch size that gives each row about BATCH_CPU_NANOS of CPU a round
        Map<String, Integer> batch = new LinkedHashMap<>();
        rows.forEach((name, row) -> {
            int calls = 1_000;
            long spent = 0;
            for (int i = 0; i < 6 || spent < 500_000_000L; i++) {
                long start = THREADS.getCurrentThreadCpuTime();
                row.run(calls);
                long took = Math.max(1, THREADS.getCurrentThreadCpuTime() - start);
                spent += took;
                calls = (int) Math.max(100, Math.min(5_000_000, calls * (double) BATCH_CPU_NANOS / took));
            }
            batch.put(name, calls);
        });

        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        rows.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Row> row : rows.entrySet()) {
                int calls = batch.get(row.getKey());
                long bytes = THREADS.getCurrentThreadAllocatedBytes();
                long start = THREADS.getCurrentThreadCpuTime();
                row.getValue().run(calls);
                long cpu = THREADS.getCurrentThreadCpuTime() - start;
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - bytes;
                samples.get(row.getKey()).add(new double[] {cpu / (double) calls, allocated / (double) calls});
            }
        }

        System.out.printf("rules+split, thread CPU time per call over %d interleaved rounds%n", rounds);
        System.out.printf("load average at the end: %s%n", loadAverage());
        System.out.printf("%-24s %10s %10s %9s %14s %14s%n",
                "row", "median ns", "fastest", "B/op", "LD / row", "flagd / row");
        List<double[]> launchDarkly = samples.get("launchDarkly");
        List<double[]> flagdTimes = samples.get("flagdOpenFeature");
        samples.forEach((name, values) -> System.out.printf("%-24s %10.1f %10.1f %9.0f %13.2fx %13.1fx%n",
                name, median(values, 0), min(values), median(values, 1),
                medianRatio(launchDarkly, values), medianRatio(flagdTimes, values)));
        System.out.println("LD / row and flagd / row: the median over the rounds of that round's ratio, so that each"
                + " ratio compares batches run within the same quarter of a second");
        if (sink == Long.MIN_VALUE) {
            System.out.println("unreachable");
        }
        sdk.tearDown();
        ld.tearDown();
        flagd.tearDown();
        System.exit(0);
    }

    private static double median(List<double[]> values, int column) {
        double[] sorted = values.stream().mapToDouble(v -> v[column]).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** The median over the rounds of {@code numerator}'s time divided by {@code row}'s in the same round. */
    private static double medianRatio(List<double[]> numerator, List<double[]> row) {
        double[] ratios = new double[row.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = numerator.get(i)[0] / row.get(i)[0];
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }

    private static double min(List<double[]> values) {
        return values.stream().mapToDouble(v -> v[0]).min().orElse(Double.NaN);
    }

    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", Arrays.copyOf(fields, 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
