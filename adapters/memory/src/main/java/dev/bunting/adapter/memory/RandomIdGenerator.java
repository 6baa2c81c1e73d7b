package dev.bunting.adapter.memory;

import dev.bunting.domain.port.IdGenerator;
import java.util.UUID;

/** Random identifiers: 12 hex digits, unique enough within one flag config, short enough to read in URLs and logs. */
public final class RandomIdGenerator implements IdGenerator {
    @Override
    public String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
