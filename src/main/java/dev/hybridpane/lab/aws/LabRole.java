package dev.hybridpane.lab.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An IAM role in the lab: trust policy, managed policies attached and inline policies. Guarded by IamService. */
final class LabRole {
    final String name;
    final String id;
    final String arn;
    final Instant created;
    final int maxSessionDuration;
    String trustPolicy;
    final List<String> attached = new ArrayList<>();
    final Map<String, String> inline = new LinkedHashMap<>();

    LabRole(String name, String id, String arn, Instant created, int maxSessionDuration, String trustPolicy) {
        this.name = name;
        this.id = id;
        this.arn = arn;
        this.created = created;
        this.maxSessionDuration = maxSessionDuration;
        this.trustPolicy = trustPolicy;
    }
}
