package dev.bunting.adapter.memory;

import dev.bunting.domain.experiment.Experiment;
import dev.bunting.domain.port.MeasurementHistory;
import dev.bunting.domain.port.MeasurementHistoryContract;
import dev.bunting.domain.port.MeasurementLog;

class InMemoryMeasurementHistoryTest extends MeasurementHistoryContract {

    private final InMemoryMeasurements measurements = new InMemoryMeasurements();

    @Override
    protected MeasurementLog log() {
        return measurements;
    }

    @Override
    protected MeasurementHistory history() {
        return measurements;
    }

    @Override
    protected void stored(Experiment experiment) {
        // the in-memory measurements never look experiments up
    }
}
