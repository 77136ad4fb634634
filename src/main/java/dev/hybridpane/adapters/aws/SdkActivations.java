package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.pool.ActivationPort;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CreateActivationResponse;
import software.amazon.awssdk.services.ssm.model.DescribeActivationsFilter;
import software.amazon.awssdk.services.ssm.model.DescribeActivationsFilterKeys;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.InvalidActivationIdException;
import software.amazon.awssdk.services.ssm.model.InvalidInstanceIdException;
import software.amazon.awssdk.services.ssm.model.Tag;

/** SSM hybrid activations through the SDK's SsmClient (see {@link ActivationPort}); the code is never logged. */
public final class SdkActivations implements ActivationPort {
    private final AwsClientFactory clients;

    public SdkActivations(AwsClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Created create(String region, String iamRole, int registrationLimit, Instant expiration, String defaultInstanceName,
            String description, Map<String, String> tags) {
        CreateActivationResponse r = call("ssm:CreateActivation", () -> ssm(region).createActivation(b -> b.iamRole(iamRole)
                .registrationLimit(registrationLimit).expirationDate(expiration).defaultInstanceName(defaultInstanceName)
                .description(description)
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
        return new Created(r.activationId(), r.activationCode());
    }

    @Override
    public Optional<ActivationPort.Activation> describe(String region, String activationId) {
        var found = call("ssm:DescribeActivations",
                () -> ssm(region).describeActivations(b -> b.filters(DescribeActivationsFilter.builder()
                        .filterKey(DescribeActivationsFilterKeys.ACTIVATION_IDS).filterValues(activationId).build())).activationList());
        return found.stream().filter(a -> activationId.equals(a.activationId())).findFirst().map(SdkActivations::activation);
    }

    @Override
    public void delete(String region, String activationId) {
        try {
            ssm(region).deleteActivation(b -> b.activationId(activationId));
        } catch (InvalidActivationIdException e) {
            // already gone: nothing to delete
        } catch (SdkException e) {
            throw AwsFailures.translate("ssm:DeleteActivation", e, clients.label());
        }
    }

    @Override
    public boolean registered(String region, String managedInstanceId) {
        try {
            return ssm(region).describeInstanceInformation(b -> b.filters(
                    InstanceInformationStringFilter.builder().key("InstanceIds").values(managedInstanceId).build()))
                    .instanceInformationList().stream().anyMatch(i -> managedInstanceId.equals(i.instanceId()));
        } catch (InvalidInstanceIdException e) {
            return false; // SSM no longer knows the instance (deregistered): it is not registered
        } catch (SdkException e) {
            throw AwsFailures.translate("ssm:DescribeInstanceInformation", e, clients.label());
        }
    }

    @Override
    public void deregister(String region, String managedInstanceId) {
        try {
            ssm(region).deregisterManagedInstance(b -> b.instanceId(managedInstanceId));
        } catch (InvalidInstanceIdException e) {
            // SSM no longer knows it: nothing to deregister
        } catch (SdkException e) {
            throw AwsFailures.translate("ssm:DeregisterManagedInstance", e, clients.label());
        }
    }

    @Override
    public List<ActivationPort.Activation> activationsTagged(String region, String tagKey, String tagValue) {
        return call("ssm:DescribeActivations", () -> ssm(region).describeActivationsPaginator(b -> b.maxResults(50))
                .activationList().stream()
                .filter(a -> a.tags().stream().anyMatch(t -> tagKey.equals(t.key()) && tagValue.equals(t.value())))
                .map(SdkActivations::activation).toList());
    }

    @Override
    public List<ManagedInstance> managedInstances(String region) {
        return call("ssm:DescribeInstanceInformation", () -> ssm(region).describeInstanceInformationPaginator(b -> b.maxResults(50))
                .instanceInformationList().stream().filter(i -> i.instanceId() != null && i.instanceId().startsWith("mi-"))
                .map(i -> new ManagedInstance(i.instanceId(), i.activationId(), i.pingStatusAsString(), i.name(), i.ipAddress(),
                        i.registrationDate())).toList());
    }

    /** The SDK's Activation (its simple name is taken by the port's own record). */
    private static ActivationPort.Activation activation(software.amazon.awssdk.services.ssm.model.Activation a) {
        Map<String, String> tags = new LinkedHashMap<>();
        a.tags().forEach(t -> tags.put(t.key(), t.value()));
        return new ActivationPort.Activation(a.activationId(), a.iamRole(), a.registrationLimit() == null ? 0 : a.registrationLimit(),
                a.registrationsCount() == null ? 0 : a.registrationsCount(), a.expirationDate(), Boolean.TRUE.equals(a.expired()),
                tags, a.defaultInstanceName(), a.description());
    }

    private SsmClient ssm(String region) {
        return clients.ssm(region);
    }

    private <T> T call(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (SdkException e) {
            throw AwsFailures.translate(operation, e, clients.label());
        }
    }
}
