package dev.bunting.adapter.memory;

import dev.bunting.domain.port.SignInThrottle;
import dev.bunting.domain.port.SignInThrottleContract;
import java.time.Clock;
import java.time.Duration;

class InProcessSignInThrottleTest extends SignInThrottleContract {

    @Override
    protected SignInThrottle newThrottle(Clock clock, int maxFailures, Duration window) {
        return new InProcessSignInThrottle(clock, maxFailures, window);
    }
}
