package dev.bunting.domain.experiment.statistics;

/**
 * Bayesian risk: what is expected to be lost, on the effect's scale, by shipping each side if the other is in fact
 * better (gbstats' {@code risk}, control first).
 */
public record ExpectedLoss(double ofShippingControl, double ofShippingTreatment) {}
