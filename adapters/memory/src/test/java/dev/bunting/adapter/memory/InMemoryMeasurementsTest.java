package dev.bunting.adapter.memory;

import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.port.ExperimentMeasurements;
import dev.bunting.domain.port.MeasurementContract;
import dev.bunting.domain.port.MeasurementLog;

class InMemoryMeasurementsTest extends MeasurementContract {

    private final InMemoryMeasurements measurements = new InMemoryMeasurements();

    @Override
    protected MeasurementLog log() {
        return measurements;
    }

    @Override
    protected ExperimentMeasurements measurements() {
        return measurements;
    }

    @Override
    protected void stored(Experiment experiment) {
        // the in-memory measurements never look experiments up
    }
}
