package dev.hybridpane.lab.aws;

import java.time.Instant;
import java.util.List;

/** Roles Anywhere objects in the lab. */
final class LabRolesAnywhere {
    private LabRolesAnywhere() {
    }

    record Anchor(String id, String arn, String name, String region, String pem, Instant created) {
    }

    record Profile(String id, String arn, String name, String region, List<String> roleArns, int durationSeconds,
            boolean acceptRoleSessionName, Instant created) {
    }
}
