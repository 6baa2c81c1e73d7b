package dev.bunting.domain.experiment;

import dev.bunting.domain.Checks;
import java.util.Optional;

/**
 * A batch of tracked events as one sender delivered it. With an idempotency key, a batch that a sender retries (after
 * a timeout, say) is stored once: the key is kept with the events in one transaction.
 *
 * @param sender         who sent it (an SDK key's id, a user's id): idempotency keys are unique per sender only
 * @param idempotencyKey the sender's {@code Idempotency-Key}, if it gave one
 */
public record EventBatch(String sender, Optional<String> idempotencyKey) {

    public static final int MAX_KEY_LENGTH = 200;

    public EventBatch {
        Checks.requireText("sender", sender, 200);
        Checks.requirePresent("idempotency_key", idempotencyKey);
        idempotencyKey.ifPresent(key -> Checks.requireText("Idempotency-Key", key, MAX_KEY_LENGTH));
    }
}
