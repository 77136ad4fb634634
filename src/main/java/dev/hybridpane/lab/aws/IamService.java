package dev.hybridpane.lab.aws;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * AWS IAM on the query protocol (a global service, signed for us-east-1): GetUser and the role calls of the
 * Hybrid Nodes role. Policy documents come back URL-encoded, as IAM returns them. As IAM does, it refuses a missing
 * parameter (ValidationError), a malformed trust or permissions policy ({@link PolicyDocuments}: MalformedPolicyDocument)
 * a managed policy it does not have ({@link ManagedPolicies}: NoSuchEntity), and documents over IAM's default quotas
 * (LimitExceeded: 2,048 characters of trust policy, 10,240 of inline policies per role, white space not counted).
 */
final class IamService extends QueryService {
    private static final Set<String> ACTIONS = Set.of("GetUser", "CreateRole", "GetRole", "AttachRolePolicy",
            "ListAttachedRolePolicies", "PutRolePolicy", "GetRolePolicy", "UpdateAssumeRolePolicy");

    private final AwsState state;
    private final Map<String, LabRole> roles = new LinkedHashMap<>();

    IamService(AwsState state) {
        super("https://iam.amazonaws.com/doc/2010-05-08/", "2010-05-08");
        this.state = state;
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    boolean supports(String action) {
        return ACTIONS.contains(action);
    }

    /** Puts a role into the account as if it had been created long ago (the lab's seeded world). */
    synchronized LabRole seedRole(String name, String trustPolicy, List<String> managedPolicies, Map<String, String> inlinePolicies,
            Instant created) {
        PolicyDocuments.problem(trustPolicy, PolicyDocuments.Kind.TRUST).ifPresent(p -> {
            throw new IllegalArgumentException("the seeded role " + name + " has a malformed trust policy: " + p);
        });
        inlinePolicies.forEach((policy, doc) -> PolicyDocuments.problem(doc, PolicyDocuments.Kind.IDENTITY).ifPresent(p -> {
            throw new IllegalArgumentException("the seeded role " + name + " has a malformed policy " + policy + ": " + p);
        }));
        managedPolicies.stream().filter(arn -> ManagedPolicies.name(arn).isEmpty()).findFirst().ifPresent(arn -> {
            throw new IllegalArgumentException("the seeded role " + name + " attaches an unknown policy " + arn);
        });
        LabRole role = new LabRole(name, "AROA" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "").substring(0, 17).toUpperCase(Locale.ROOT), "arn:aws:iam::" + state.accountId() + ":role/" + name,
                created, 43200, trustPolicy);
        role.attached.addAll(managedPolicies);
        role.inline.putAll(inlinePolicies);
        roles.put(name, role);
        return role;
    }

    /** Role names in creation order ({@link AwsInspection}). */
    synchronized List<String> roleNames() {
        return List.copyOf(roles.keySet());
    }

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest r) {
        if ("GetUser".equals(operation)) {
            String name = r.param("UserName").orElse(state.userName());
            if (!name.equals(state.userName())) {
                return error(r, 404, "NoSuchEntity", "The user with name " + name + " cannot be found.");
            }
            return result(operation, r, x -> x.open("User").leaf("Path", "/").leaf("UserName", name)
                    .leaf("UserId", state.userId()).leaf("Arn", state.userArn())
                    .leaf("CreateDate", DateTimeFormatter.ISO_INSTANT.format(state.userCreatedAt())).close("User"));
        }
        Optional<String> missing = missingParameter(operation, r);
        if (missing.isPresent()) {
            return error(r, 400, "ValidationError", "1 validation error detected: Value null at '" + missing.get()
                    + "' failed to satisfy constraint: Member must not be null");
        }
        String roleName = r.param("RoleName").orElseThrow();
        if (!roleName.matches("[\\w+=,.@-]{1,64}")) {
            return error(r, 400, "ValidationError", "1 validation error detected: Value '" + roleName
                    + "' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        if ("CreateRole".equals(operation)) {
            return createRole(r, roleName);
        }
        Optional<LabRole> found = Optional.ofNullable(roles.get(roleName));
        if (found.isEmpty()) {
            return error(r, 404, "NoSuchEntity", "The role with name " + roleName + " cannot be found.");
        }
        LabRole role = found.get();
        return switch (operation) {
            case "GetRole" -> result(operation, r, x -> role(x, role));
            case "UpdateAssumeRolePolicy" -> {
                String doc = r.param("PolicyDocument").orElseThrow();
                Optional<String> problem = PolicyDocuments.problem(doc, PolicyDocuments.Kind.TRUST);
                if (problem.isPresent()) {
                    yield malformed(r, problem.get());
                }
                if (PolicyDocuments.size(doc) > PolicyDocuments.TRUST_POLICY_QUOTA) {
                    yield trustTooLarge(r);
                }
                role.trustPolicy = doc;
                yield empty(operation, r);
            }
            case "AttachRolePolicy" -> {
                String arn = r.param("PolicyArn").orElseThrow();
                if (!arn.matches("arn:aws[\\w-]*:iam::(aws|\\d{12}):policy/.+")) {
                    yield error(r, 400, "InvalidInput", "ARN " + arn + " is not valid.");
                }
                if (ManagedPolicies.name(arn).isEmpty()) {
                    yield error(r, 404, "NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.");
                }
                if (!role.attached.contains(arn)) {
                    role.attached.add(arn);
                }
                yield empty(operation, r);
            }
            case "ListAttachedRolePolicies" -> result(operation, r, x -> {
                x.open("AttachedPolicies");
                for (String arn : role.attached) {
                    x.open("member").leaf("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).leaf("PolicyArn", arn).close("member");
                }
                x.close("AttachedPolicies").leaf("IsTruncated", "false");
            });
            case "PutRolePolicy" -> {
                String policy = r.param("PolicyName").orElseThrow();
                if (!policy.matches("[\\w+=,.@-]{1,128}")) {
                    yield error(r, 400, "ValidationError", "1 validation error detected: Value '" + policy
                            + "' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
                }
                String doc = r.param("PolicyDocument").orElseThrow();
                Optional<String> problem = PolicyDocuments.problem(doc, PolicyDocuments.Kind.IDENTITY);
                if (problem.isPresent()) {
                    yield malformed(r, problem.get());
                }
                int total = PolicyDocuments.size(doc) + role.inline.entrySet().stream().filter(e -> !e.getKey().equals(policy))
                        .mapToInt(e -> PolicyDocuments.size(e.getValue())).sum();
                if (total > PolicyDocuments.INLINE_POLICIES_QUOTA) {
                    yield error(r, 409, "LimitExceeded", "Maximum policy size of " + PolicyDocuments.INLINE_POLICIES_QUOTA
                            + " bytes exceeded for role " + role.name);
                }
                role.inline.put(policy, doc);
                yield empty(operation, r);
            }
            case "GetRolePolicy" -> {
                String policy = r.param("PolicyName").orElseThrow();
                String doc = role.inline.get(policy);
                if (doc == null) {
                    yield error(r, 404, "NoSuchEntity", "The role policy with name " + policy + " cannot be found.");
                }
                yield result(operation, r, x -> x.leaf("RoleName", role.name).leaf("PolicyName", policy)
                        .leaf("PolicyDocument", encode(doc)));
            }
            default -> unknownOperation(r);
        };
    }

    /** The first required parameter of {@code operation} that the request lacks, named as IAM names it in errors. */
    private static Optional<String> missingParameter(String operation, AwsRequest r) {
        List<String> required = switch (operation) {
            case "CreateRole" -> List.of("RoleName", "AssumeRolePolicyDocument");
            case "UpdateAssumeRolePolicy" -> List.of("RoleName", "PolicyDocument");
            case "AttachRolePolicy" -> List.of("RoleName", "PolicyArn");
            case "PutRolePolicy" -> List.of("RoleName", "PolicyName", "PolicyDocument");
            case "GetRolePolicy" -> List.of("RoleName", "PolicyName");
            default -> List.of("RoleName");
        };
        return required.stream().filter(p -> r.param(p).isEmpty())
                .map(p -> Character.toLowerCase(p.charAt(0)) + p.substring(1)).findFirst();
    }

    private AwsResponse createRole(AwsRequest r, String roleName) {
        String max = r.param("MaxSessionDuration").orElse("3600");
        if (!max.matches("\\d{1,9}") || Integer.parseInt(max) < 3600 || Integer.parseInt(max) > 43200) {
            return error(r, 400, "ValidationError", "1 validation error detected: Value '" + max
                    + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200");
        }
        String trust = r.param("AssumeRolePolicyDocument").orElseThrow();
        Optional<String> problem = PolicyDocuments.problem(trust, PolicyDocuments.Kind.TRUST);
        if (problem.isPresent()) {
            return malformed(r, problem.get());
        }
        if (PolicyDocuments.size(trust) > PolicyDocuments.TRUST_POLICY_QUOTA) {
            return trustTooLarge(r);
        }
        if (roles.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(roleName))) {
            return error(r, 409, "EntityAlreadyExists", "Role with name " + roleName + " already exists.");
        }
        LabRole role = new LabRole(roleName, "AROA" + UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase(Locale.ROOT),
                "arn:aws:iam::" + state.accountId() + ":role/" + roleName, Instant.now(), Integer.parseInt(max), trust);
        roles.put(roleName, role);
        return result("CreateRole", r, x -> role(x, role));
    }

    private AwsResponse trustTooLarge(AwsRequest r) {
        return error(r, 409, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: " + PolicyDocuments.TRUST_POLICY_QUOTA);
    }

    private AwsResponse malformed(AwsRequest r, String message) {
        return error(r, 400, "MalformedPolicyDocument", message);
    }

    private static void role(Xml x, LabRole role) {
        x.open("Role").leaf("Path", "/").leaf("RoleName", role.name).leaf("RoleId", role.id).leaf("Arn", role.arn)
                .leaf("CreateDate", DateTimeFormatter.ISO_INSTANT.format(role.created))
                .leaf("AssumeRolePolicyDocument", encode(role.trustPolicy)).leaf("MaxSessionDuration", role.maxSessionDuration)
                .close("Role");
    }

    private static String encode(String doc) {
        return URLEncoder.encode(doc, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
