package dev.hybridpane.core.network;

import java.util.List;

/** Every area the doctor checks, in report order. */
final class Probes {
    private Probes() {
    }

    static List<Probe> all() {
        return List.of(
                new Probe("aws.routes", "aws", "Routes to remote networks", RouteChecks::run));
    }
}
