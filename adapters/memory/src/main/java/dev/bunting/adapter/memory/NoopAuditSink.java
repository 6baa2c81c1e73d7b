package dev.bunting.adapter.memory;

import dev.bunting.domain.audit.AuditEntry;
import dev.bunting.domain.port.AuditSink;

/** Discards audit entries: the stand-in until a persistent audit trail is wired. */
public final class NoopAuditSink implements AuditSink {
    @Override
    public void record(AuditEntry entry) {
        // intentionally keeps nothing
    }
}
