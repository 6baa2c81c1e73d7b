package dev.bunting.domain.port;

import dev.bunting.domain.Distributions;

/** The fixture the engine's tests run on meets the port's contract, as the production adapter does. */
class DistributionsFixtureTest extends ProbabilityDistributionsContract {

    @Override
    protected ProbabilityDistributions distributions() {
        return new Distributions();
    }
}
