package dev.bunting.adapter.statistics;

import dev.bunting.domain.port.ProbabilityDistributions;
import dev.bunting.domain.port.ProbabilityDistributionsContract;

class CommonsProbabilityDistributionsTest extends ProbabilityDistributionsContract {

    @Override
    protected ProbabilityDistributions distributions() {
        return new CommonsProbabilityDistributions();
    }
}
