package dev.bunting.sdk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client's status, moved by what its synchronisation hears: a flag set or a confirmation from the server makes it
 * READY; a failure makes it STALE, and ERROR once STALE has lasted the grace period; a refused key makes it FATAL for
 * good. Listeners hear each change once.
 */
final class Health {

    private final Clock clock;
    private final Duration gracePeriod;
    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
    private ClientStatus status = ClientStatus.NOT_READY;
    private Instant failingSince;

    Health(Clock clock, Duration gracePeriod) {
        this.clock = clock;
        this.gracePeriod = gracePeriod;
    }

    void listen(ClientListener listener) {
        listeners.add(listener);
    }

    void unlisten(ClientListener listener) {
        listeners.remove(listener);
    }

    synchronized ClientStatus status() {
        return status;
    }

    void reachable() {
        failingSince = null;
        move(ClientStatus.READY, "the server answered");
    }

    /** A flag set not from the server (a bootstrap) is being served: READY unless the client already had a status. */
    void serving() {
        if (status() == ClientStatus.NOT_READY) {
            move(ClientStatus.READY, "serving the bootstrap flag set");
        }
    }

    /** @param serving whether the client has a flag set to serve meanwhile */
    void unreachable(String reason, boolean serving) {
        ClientStatus next;
        synchronized (this) {
            if (status == ClientStatus.FATAL) {
                return;
            }
            Instant now = clock.instant();
            if (failingSince == null) {
                failingSince = now;
            }
            boolean graceOver = !now.isBefore(failingSince.plus(gracePeriod));
            next = serving && !graceOver ? ClientStatus.STALE : ClientStatus.ERROR;
        }
        move(next, reason);
    }

    void refused(String reason) {
        move(ClientStatus.FATAL, reason);
    }

    void flagsChanged(java.util.Set<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        for (ClientListener listener : listeners) {
            listener.flagsChanged(keys);
        }
    }

    private void move(ClientStatus next, String reason) {
        synchronized (this) {
            if (status == next || status == ClientStatus.FATAL) {
                return;
            }
            status = next;
        }
        for (ClientListener listener : listeners) {
            listener.statusChanged(next, reason);
        }
    }
}
