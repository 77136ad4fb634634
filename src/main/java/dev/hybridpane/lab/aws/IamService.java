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
 * Hybrid Nodes role. Policy documents come back URL-encoded, as IAM returns them.
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
        String roleName = r.param("RoleName").orElse("");
        if ("CreateRole".equals(operation)) {
            if (roles.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(roleName))) {
                return error(r, 409, "EntityAlreadyExists", "Role with name " + roleName + " already exists.");
            }
            if (!roleName.matches("[\\w+=,.@-]{1,64}")) {
                return error(r, 400, "ValidationError", "1 validation error detected: Value at 'roleName' failed to satisfy constraint");
            }
            int max = Integer.parseInt(r.param("MaxSessionDuration").orElse("3600"));
            LabRole role = new LabRole(roleName, "AROA" + UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase(Locale.ROOT),
                    "arn:aws:iam::" + state.accountId() + ":role/" + roleName, Instant.now(), max,
                    r.param("AssumeRolePolicyDocument").orElse("{}"));
            roles.put(roleName, role);
            return result(operation, r, x -> role(x, role));
        }
        Optional<LabRole> found = Optional.ofNullable(roles.get(roleName));
        if (found.isEmpty()) {
            return error(r, 404, "NoSuchEntity", "The role with name " + roleName + " cannot be found.");
        }
        LabRole role = found.get();
        return switch (operation) {
            case "GetRole" -> result(operation, r, x -> role(x, role));
            case "UpdateAssumeRolePolicy" -> {
                role.trustPolicy = r.param("PolicyDocument").orElse("{}");
                yield empty(operation, r);
            }
            case "AttachRolePolicy" -> {
                String arn = r.param("PolicyArn").orElse("");
                if (!arn.startsWith("arn:aws:iam::")) {
                    yield error(r, 400, "InvalidInput", "ARN " + arn + " is not valid.");
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
                role.inline.put(r.param("PolicyName").orElse(""), r.param("PolicyDocument").orElse("{}"));
                yield empty(operation, r);
            }
            case "GetRolePolicy" -> {
                String policy = r.param("PolicyName").orElse("");
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
