package dev.bunting.domain.port;

import dev.bunting.domain.flag.Flag;
import java.util.List;

/** @param total how many flags match the query across all pages */
public record FlagPage(List<Flag> items, long total) {
    public FlagPage {
        items = List.copyOf(items);
    }
}
