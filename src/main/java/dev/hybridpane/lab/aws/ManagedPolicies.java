package dev.hybridpane.lab.aws;

import java.util.List;
import java.util.Optional;

/**
 * The AWS managed policies the lab's IAM knows, with their real ARNs. Written from the EKS user guide: "Prepare
 * credentials for hybrid nodes" (AmazonEC2ContainerRegistryPullOnly for every Hybrid Nodes role,
 * AmazonSSMManagedInstanceCore for SSM hybrid activations) and "Amazon EKS node IAM role" (AmazonEKSWorkerNodePolicy,
 * AmazonEKS_CNI_Policy, the same ECR pull policy). Any other {@code arn:aws:iam::aws:policy/...} is unknown to the
 * lab, and the account holds no customer managed policies, so attaching one is refused as IAM refuses a policy
 * that does not exist.
 */
final class ManagedPolicies {
    static final String ECR_PULL_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly";
    static final String SSM_MANAGED_INSTANCE_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
    static final String EKS_WORKER_NODE = "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy";
    static final String EKS_CNI = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";

    private static final List<String> ALL = List.of(ECR_PULL_ONLY, SSM_MANAGED_INSTANCE_CORE, EKS_WORKER_NODE, EKS_CNI);

    private ManagedPolicies() {
    }

    /** The policy's name (the last part of its ARN) when the lab knows the ARN. */
    static Optional<String> name(String arn) {
        return ALL.contains(arn) ? Optional.of(arn.substring(arn.lastIndexOf('/') + 1)) : Optional.empty();
    }
}
