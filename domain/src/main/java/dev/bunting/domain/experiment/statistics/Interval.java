package dev.bunting.domain.experiment.statistics;

/** A confidence or credible interval for an effect, lower bound first. */
public record Interval(double lower, double upper) {}
