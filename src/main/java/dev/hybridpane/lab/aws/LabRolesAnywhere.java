package dev.hybridpane.lab.aws;

import java.time.Instant;
import java.util.List;

/** Roles Anywhere objects in the lab. Immutable: enabling or disabling one replaces it. */
final class LabRolesAnywhere {
    private LabRolesAnywhere() {
    }

    record Anchor(String id, String arn, String name, String region, String pem, boolean enabled, Instant created,
            Instant updated) {

        Anchor withEnabled(boolean on, Instant now) {
            return new Anchor(id, arn, name, region, pem, on, created, now);
        }
    }

    record Profile(String id, String arn, String name, String region, List<String> roleArns, int durationSeconds,
            boolean acceptRoleSessionName, boolean enabled, Instant created, Instant updated) {

        Profile {
            roleArns = List.copyOf(roleArns);
        }

        Profile withEnabled(boolean on, Instant now) {
            return new Profile(id, arn, name, region, roleArns, durationSeconds, acceptRoleSessionName, on, created, now);
        }
    }
}
