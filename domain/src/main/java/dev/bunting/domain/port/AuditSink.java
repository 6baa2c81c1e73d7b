package dev.bunting.domain.port;

import dev.bunting.domain.audit.AuditEntry;

/** Receives every change. Inside a transaction, an entry is kept exactly when the change it describes is. */
public interface AuditSink {
    void record(AuditEntry entry);
}
