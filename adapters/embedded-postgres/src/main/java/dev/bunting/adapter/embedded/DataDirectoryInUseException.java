package dev.bunting.adapter.embedded;

import java.nio.file.Path;

/** Another PostgreSQL, usually a running Bunting's, already serves the data directory; only one process may. */
public final class DataDirectoryInUseException extends RuntimeException {

    private final Path dataDirectory;

    DataDirectoryInUseException(Path dataDirectory) {
        super("the embedded database in " + dataDirectory + " is in use by another process");
        this.dataDirectory = dataDirectory;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }
}
