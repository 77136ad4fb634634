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
 * AWS IAM on the query protocol (a global service, signed for us-east-1): GetUser, the role calls of the
 * Hybrid Nodes role, and ListRoles, ListRolePolicies, ListAttachedRolePolicies and ListPolicies, which page as IAM
 * does (MaxItems 1 to 1,000, default 100; an opaque Marker bound to the call while IsTruncated is true). Policy
 * documents come back URL-encoded, as IAM returns them. As IAM does, it refuses a missing parameter (ValidationError), a malformed trust or permissions policy ({@link PolicyDocuments}: MalformedPolicyDocument)
 * a managed policy it does not have ({@link ManagedPolicies}: NoSuchEntity), and documents over IAM's default quotas
 * (LimitExceeded: 2,048 characters of trust policy, 10,240 of inline policies per role, white space not counted).
 */
final class IamService extends QueryService {
    private static final Set<String> ACTIONS = Set.of("GetUser", "CreateRole", "GetRole", "AttachRolePolicy",
            "ListAttachedRolePolicies", "PutRolePolicy", "GetRolePolicy", "UpdateAssumeRolePolicy", "ListRoles",
            "ListRolePolicies", "ListPolicies");
    /** IAM's default and largest page (MaxItems): "If you do not include this parameter, the number of items defaults to 100". */
    private static final int DEFAULT_MAX_ITEMS = 100;
    private static final int LARGEST_MAX_ITEMS = 1000;

    private final AwsState state;
    private final Map<String, LabRole> roles = new LinkedHashMap<>();

    private final int defaultPageSize;

    IamService(AwsState state) {
        this(state, 0);
    }

    /** {@code defaultPageSize} > 0 caps every list page (tests exercise the clients' Marker paginators). */
    IamService(AwsState state, int defaultPageSize) {
        super("https://iam.amazonaws.com/doc/2010-05-08/", "2010-05-08");
        this.state = state;
        this.defaultPageSize = defaultPageSize;
    }

    /** A parameter IAM refuses: the answer is already spelled. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient AwsResponse response;

        Refused(AwsResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
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

    /** A role's trust policy and MaxSessionDuration now, for the services that assume it (SSM, Roles Anywhere). */
    record RoleTrust(String arn, String trustPolicy, int maxSessionDuration) {
    }

    synchronized Optional<RoleTrust> trust(String roleName) {
        LabRole role = roles.get(roleName);
        return role == null ? Optional.empty() : Optional.of(new RoleTrust(role.arn, role.trustPolicy, role.maxSessionDuration));
    }

    /** Role names in creation order ({@link AwsInspection}). */
    synchronized List<String> roleNames() {
        return List.copyOf(roles.keySet());
    }

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest r) {
        try {
            return answer(operation, r);
        } catch (Refused e) {
            return e.response;
        }
    }

    private AwsResponse answer(String operation, AwsRequest r) {
        if ("ListRoles".equals(operation)) {
            return listRoles(r);
        }
        if ("ListPolicies".equals(operation)) {
            return listPolicies(r);
        }
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
            case "ListAttachedRolePolicies" -> {
                String prefix = policyPathPrefix(r);
                List<String> attached = role.attached.stream().filter(arn -> policyPath(arn).startsWith(prefix)).toList();
                Pages<String> page = page(r, "iam:ListAttachedRolePolicies " + role.name + " " + prefix, attached);
                yield result(operation, r, x -> {
                    x.open("AttachedPolicies");
                    for (String arn : page.items()) {
                        x.open("member").leaf("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).leaf("PolicyArn", arn)
                                .close("member");
                    }
                    x.close("AttachedPolicies");
                    truncation(x, page);
                });
            }
            case "ListRolePolicies" -> {
                Pages<String> page = page(r, "iam:ListRolePolicies " + role.name, List.copyOf(role.inline.keySet()));
                yield result(operation, r, x -> {
                    x.open("PolicyNames");
                    page.items().forEach(name -> x.leaf("member", name));
                    x.close("PolicyNames");
                    truncation(x, page);
                });
            }
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
        x.open("Role");
        roleFields(x, role);
        x.close("Role");
    }

    /** A role's elements; ListRoles writes the same ones ("PermissionsBoundary, RoleLastUsed and Tags" are not listed). */
    private static void roleFields(Xml x, LabRole role) {
        x.leaf("Path", "/").leaf("RoleName", role.name).leaf("RoleId", role.id).leaf("Arn", role.arn)
                .leaf("CreateDate", DateTimeFormatter.ISO_INSTANT.format(role.created))
                .leaf("AssumeRolePolicyDocument", encode(role.trustPolicy)).leaf("MaxSessionDuration", role.maxSessionDuration);
    }

    /** ListRoles: every role whose path starts with PathPrefix (the lab's roles all have the path "/"), by name. */
    private AwsResponse listRoles(AwsRequest r) {
        String prefix = r.param("PathPrefix").orElse("/");
        if (prefix.isEmpty() || prefix.length() > 512 || !prefix.matches("/[\\u0021-\\u007F]*")) {
            throw refused(r, "Value '" + prefix + "' at 'pathPrefix' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: \\u002F[\\u0021-\\u007F]*");
        }
        List<LabRole> all = roles.values().stream().filter(role -> "/".startsWith(prefix))
                .sorted(java.util.Comparator.comparing((LabRole role) -> role.name.toLowerCase(Locale.ROOT))).toList();
        Pages<LabRole> page = page(r, "iam:ListRoles " + prefix, all);
        return result("ListRoles", r, x -> {
            x.open("Roles");
            for (LabRole role : page.items()) {
                x.open("member");
                roleFields(x, role);
                x.close("member");
            }
            x.close("Roles");
            truncation(x, page);
        });
    }

    /**
     * ListPolicies: the AWS managed policies the lab knows (Scope All or AWS; the account holds no customer managed
     * policies, so Scope Local lists none), OnlyAttached keeps those attached to a role of the account, PathPrefix and
     * PolicyUsageFilter (no policy is used as a permissions boundary) narrow further.
     */
    private AwsResponse listPolicies(AwsRequest r) {
        String scope = r.param("Scope").orElse("All");
        if (!List.of("All", "AWS", "Local").contains(scope)) {
            throw refused(r, "Value '" + scope + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[All, AWS, Local]");
        }
        String usage = r.param("PolicyUsageFilter").orElse(null);
        if (usage != null && !List.of("PermissionsPolicy", "PermissionsBoundary").contains(usage)) {
            throw refused(r, "Value '" + usage + "' at 'policyUsageFilter' failed to satisfy constraint: Member must satisfy "
                    + "enum value set: [PermissionsPolicy, PermissionsBoundary]");
        }
        String onlyAttachedText = r.param("OnlyAttached").orElse("false");
        if (!onlyAttachedText.equals("true") && !onlyAttachedText.equals("false")) {
            throw refused(r, "Value '" + onlyAttachedText + "' at 'onlyAttached' failed to satisfy constraint: Member must be a boolean");
        }
        boolean onlyAttached = Boolean.parseBoolean(onlyAttachedText);
        String prefix = policyPathPrefix(r);
        List<AwsManagedPolicyCatalog.Policy> all = "Local".equals(scope) ? List.of()
                : AwsManagedPolicyCatalog.ALL.stream().filter(p -> p.path().startsWith(prefix))
                        .filter(p -> !onlyAttached || attachments(p.arn()) > 0)
                        .filter(p -> !onlyAttached || !"PermissionsBoundary".equals(usage))
                        .sorted(java.util.Comparator.comparing(AwsManagedPolicyCatalog.Policy::name)).toList();
        Pages<AwsManagedPolicyCatalog.Policy> page = page(r, "iam:ListPolicies " + scope + " " + onlyAttached + " " + prefix + " "
                + usage, all);
        return result("ListPolicies", r, x -> {
            x.open("Policies");
            for (AwsManagedPolicyCatalog.Policy p : page.items()) {
                x.open("member").leaf("PolicyName", p.name()).leaf("PolicyId", p.id()).leaf("Arn", p.arn())
                        .leaf("Path", p.path()).leaf("DefaultVersionId", p.defaultVersionId())
                        .leaf("AttachmentCount", attachments(p.arn())).leaf("PermissionsBoundaryUsageCount", 0)
                        .leaf("IsAttachable", true).leaf("CreateDate", DateTimeFormatter.ISO_INSTANT.format(p.created()))
                        .leaf("UpdateDate", DateTimeFormatter.ISO_INSTANT.format(p.updated())).close("member");
            }
            x.close("Policies");
            truncation(x, page);
        });
    }

    private long attachments(String policyArn) {
        return roles.values().stream().filter(role -> role.attached.contains(policyArn)).count();
    }

    /** The path of a policy ARN: "/" for arn:aws:iam::aws:policy/Name, "/service-role/" for .../service-role/Name. */
    private static String policyPath(String arn) {
        String resource = arn.substring(arn.indexOf(":policy") + ":policy".length());
        return resource.substring(0, resource.lastIndexOf('/') + 1);
    }

    private String policyPathPrefix(AwsRequest r) {
        String prefix = r.param("PathPrefix").orElse("/");
        if (prefix.isEmpty() || prefix.length() > 512 || !prefix.matches("((/[A-Za-z0-9.,+@=_-]+)*)/")) {
            throw refused(r, "Value '" + prefix + "' at 'pathPrefix' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
        }
        return prefix;
    }

    /**
     * One page from Marker, at most MaxItems items (1 to 1,000; 100 when absent). A Marker is opaque and bound to
     * {@code call} (the operation and what it lists); any other is refused as IAM refuses it ("Invalid Marker.").
     */
    private <T> Pages<T> page(AwsRequest r, String call, List<T> all) {
        int max = DEFAULT_MAX_ITEMS;
        String text = r.param("MaxItems").orElse(null);
        if (text != null) {
            if (!text.matches("-?\\d{1,9}")) {
                throw refused(r, "Value '" + text + "' at 'maxItems' failed to satisfy constraint: Member must be an integer");
            }
            max = Integer.parseInt(text);
            if (max < 1) {
                throw refused(r, "Value '" + max + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                        + "greater than or equal to 1");
            }
            if (max > LARGEST_MAX_ITEMS) {
                throw refused(r, "Value '" + max + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                        + "less than or equal to " + LARGEST_MAX_ITEMS);
            }
        }
        if (defaultPageSize > 0) {
            max = Math.min(max, defaultPageSize);
        }
        try {
            return Pages.of(call, all, r.param("Marker").orElse(null), max);
        } catch (Pages.BadTokenException e) {
            throw new Refused(error(r, 400, "ValidationError", "Invalid Marker."));
        }
    }

    /** IsTruncated, and the Marker of the next page when there is one. */
    private static void truncation(Xml x, Pages<?> page) {
        x.leaf("IsTruncated", page.next() != null).leaf("Marker", page.next());
    }

    private Refused refused(AwsRequest r, String constraint) {
        return new Refused(error(r, 400, "ValidationError", "1 validation error detected: " + constraint));
    }

    private static String encode(String doc) {
        return URLEncoder.encode(doc, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
