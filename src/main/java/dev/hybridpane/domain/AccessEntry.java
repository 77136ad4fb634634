package dev.hybridpane.domain;

import java.util.List;

/** An EKS access entry. Type is STANDARD, EC2_LINUX, EC2_WINDOWS, FARGATE_LINUX, HYBRID_LINUX... */
public record AccessEntry(String principalArn, String type, String username, List<String> kubernetesGroups) {
    public AccessEntry {
        kubernetesGroups = List.copyOf(kubernetesGroups == null ? List.of() : kubernetesGroups);
    }
}
