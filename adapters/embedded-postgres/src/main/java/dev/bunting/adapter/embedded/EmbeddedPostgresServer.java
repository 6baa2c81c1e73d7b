package dev.bunting.adapter.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL 17 server run from bundled binaries on a data directory that outlives the process, so local data
 * survives restarts. The first start initialises the directory; later starts reuse it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * @param port 0 picks a free port
     * @throws DataDirectoryInUseException when a running PostgreSQL already serves the directory, such as a running Bunting's
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            Path absolute = dataDirectory.toAbsolutePath().normalize();
            Files.createDirectories(absolute);
            refuseIfServed(absolute);
            EmbeddedPostgres.Builder builder =
                    EmbeddedPostgres.builder().setDataDirectory(absolute).setCleanDataDirectory(false);
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start(), absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL could not start in " + dataDirectory, e);
        }
    }

    /**
     * PostgreSQL keeps its process id in postmaster.pid while it runs; starting a second server on the directory would
     * fail deep inside the binaries' start-up, so a live one is refused here with a reason a person can act on. A file
     * left by a crash names a process that is gone, and PostgreSQL recovers from it as usual.
     */
    private static void refuseIfServed(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String firstLine =
                Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            if (ProcessHandle.of(Long.parseLong(firstLine))
                    .map(ProcessHandle::isAlive)
                    .orElse(false)) {
                throw new DataDirectoryInUseException(dataDirectory);
            }
        } catch (NumberFormatException e) {
            // not a pid: leave it to PostgreSQL, which says what is wrong with its own file
        }
    }

    /** A JDBC URL for the server's default database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
