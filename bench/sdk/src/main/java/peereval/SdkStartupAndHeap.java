package peereval;

import dev.bunting.sdk.BuntingClient;
import dev.bunting.sdk.BuntingContext;
import dev.bunting.sdk.ClientStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import peereval.LogicalFlags.FlagDef;
import peereval.peers.BuntingSdkPeer;

/**
 * The SDK's start-up to READY from a bootstrap file, and the heap a client retains with 1,000 flags like rules+split
 * (three rules of two clauses, then a split). Start-up is timed in this JVM: the first start pays class loading, the
 * later ones are what a warm process pays. Retained heap is the used heap after full collections with the client
 * held, minus the same without it.
 *
 * <p>Run: {@code java -cp target/benchmarks.jar peereval.SdkStartupAndHeap}
 */
public final class SdkStartupAndHeap {

    private static final int FLAGS = 1_000;
    private static final int STARTS = 20;

    private SdkStartupAndHeap() {}

    public static void main(String[] args) throws Exception {
        Path bootstrap = Files.createTempFile("bunting-sdk-1000", ".json");
        bootstrap.toFile().deleteOnExit();
        List<FlagDef> flags = new ArrayList<>();
        FlagDef shape = LogicalFlags.Scenario.RULES_SPLIT.flags().getFirst();
        for (int i = 0; i < FLAGS; i++) {
            flags.add(new FlagDef("flag-" + i, shape.rules(), shape.truePercent()));
        }
        Files.writeString(bootstrap, BuntingSdkPeer.flagSet(flags));
        System.out.printf("bootstrap file: %d flags, %,d bytes%n", FLAGS, Files.size(bootstrap));

        long[] millis = new long[STARTS];
        for (int i = 0; i < STARTS; i++) {
            long start = System.nanoTime();
            try (BuntingClient client = BuntingClient.start(BuntingSdkPeer.options(bootstrap))) {
                if (client.status() == ClientStatus.NOT_READY) {
                    throw new IllegalStateException("not ready");
                }
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        long first = millis[0];
        long[] warm = Arrays.copyOfRange(millis, 1, STARTS);
        Arrays.sort(warm);
        System.out.printf("start-up to READY from the bootstrap file (1,000 flags): first %d ms, then median %d ms"
                + " (min %d, max %d) over %d starts%n", first, warm[warm.length / 2], warm[0], warm[warm.length - 1],
                warm.length);
        System.out.println("(each start also tries the unreachable server once, refused at once on a closed port)");

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long without = settledHeap(memory);
        BuntingClient held = BuntingClient.start(BuntingSdkPeer.options(bootstrap));
        long with = settledHeap(memory);
        System.out.printf("retained heap with %d flags: %,d bytes (%.1f MiB, %,d bytes a flag)%n", FLAGS, with - without,
                (with - without) / 1048576.0, (with - without) / FLAGS);
        if (!held.boolValue("flag-1", false, BuntingContext.of("x")) && held.version().isEmpty()) {
            System.out.println("unreachable");
        }
        held.close();
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
