package dev.hybridpane.domain;

public record CallerIdentity(String account, String arn, String userId) {
}
