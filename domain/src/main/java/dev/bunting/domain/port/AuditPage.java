package dev.bunting.domain.port;

import dev.bunting.domain.audit.AuditRecord;
import java.util.List;

/** @param next where the following page starts; null when this page holds the oldest matching entry */
public record AuditPage(List<AuditRecord> items, AuditCursor next) {
    public AuditPage {
        items = List.copyOf(items);
    }
}
