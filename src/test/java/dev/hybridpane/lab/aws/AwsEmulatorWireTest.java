package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.lab.world.LabWorld;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulator's wire shapes, seen by a plain HTTP client (no SDK). */
class AwsEmulatorWireTest {
    static AwsEmulator emulator;
    static URI base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        base = emulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** Signed by the SDK's own signer with the lab user's key. */
    static HttpResponse<String> get(String path, String region, String service) throws Exception {
        return new SignedHttp(base).get(path, region, service);
    }

    static HttpResponse<String> form(String body, String region, String service) throws Exception {
        return new SignedHttp(base).form(body, region, service);
    }

    @Test
    void eksNotFoundHasTheRestJsonErrorShape() throws Exception {
        HttpResponse<String> r = get("/clusters/nope", "us-west-2", "eks");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(r.body()).isEqualTo("{\"message\":\"No cluster found for name: nope.\"}");
    }

    @Test
    void clustersAreScopedByTheSignedRegion() throws Exception {
        assertThat(get("/clusters", "eu-central-1", "eks").body()).isEqualTo("{\"clusters\":[\"factory-floor\",\"warehouse-edge\"]}");
        assertThat(get("/clusters/retail-edge", "eu-central-1", "eks").statusCode()).isEqualTo(404);
    }

    @Test
    void eksPagesHonourMaxResultsAndRejectBadValues() throws Exception {
        String first = get("/clusters?maxResults=1", "us-west-2", "eks").body();
        assertThat(first).startsWith("{\"clusters\":[\"retail-edge\"],\"nextToken\":\"");
        String token = first.replaceAll(".*\"nextToken\":\"([^\"]+)\".*", "$1");
        assertThat(get("/clusters?maxResults=1&nextToken=" + URLEncoder.encode(token, "UTF-8"), "us-west-2", "eks")
                .body()).isEqualTo("{\"clusters\":[\"payments\"]}");
        HttpResponse<String> bad = get("/clusters?maxResults=0", "us-west-2", "eks");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterException");
    }

    @Test
    void accessEntryPathCarriesAnEncodedArn() throws Exception {
        HttpResponse<String> r = get("/clusters/retail-edge/access-entries/"
                + "arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fretail-edge-hybrid-ssm", "us-west-2", "eks");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"type\":\"HYBRID_LINUX\"").contains("\"clusterName\":\"retail-edge\"");
    }

    @Test
    void ec2ErrorsHaveTheEc2Shape() throws Exception {
        HttpResponse<String> r = form("Action=DescribeSubnets&Version=2016-11-15&SubnetId.1=subnet-nope", "us-west-2", "ec2");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Response><Errors><Error><Code>InvalidSubnetID.NotFound</Code>")
                .contains("<Message>The subnet ID 'subnet-nope' does not exist</Message>").contains("<RequestID>");
    }

    @Test
    void ec2FiltersSelectByVpc() throws Exception {
        HttpResponse<String> r = form("Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=vpc-id"
                + "&Filter.1.Value.1=vpc-0b2c3d4e5f6071829", "us-west-2", "ec2");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"")
                .contains("subnet-04d5e6f708192a3b4").contains("subnet-05e6f708192a3b4c5")
                .doesNotContain("subnet-01a2b3c4d5e6f7081");
    }

    @Test
    void ec2DeniedIsUnauthorizedOperation() throws Exception {
        emulator.failNext("ec2:DescribeVpcs", Fault.ACCESS_DENIED);
        HttpResponse<String> r = form("Action=DescribeVpcs&Version=2016-11-15", "us-west-2", "ec2");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>UnauthorizedOperation</Code>");
        assertThat(form("Action=DescribeVpcs&Version=2016-11-15", "us-west-2", "ec2").statusCode()).isEqualTo(200);
    }

    @Test
    void stsAnswersAPostAndAPresignedGet() throws Exception {
        HttpResponse<String> post = form("Action=GetCallerIdentity&Version=2011-06-15", "us-west-2", "sts");
        assertThat(post.body()).contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Account>111122223333</Account>");
        HttpResponse<String> presigned = SignedHttp.send(new SignedHttp(base).presigned(Duration.ofSeconds(60))
                .sign("GET", "/?Action=GetCallerIdentity&Version=2011-06-15", Map.of("x-k8s-aws-id", "retail-edge"), "",
                        "us-west-2", "sts"), "");
        assertThat(presigned.statusCode()).isEqualTo(200);
        assertThat(presigned.body()).contains("<Arn>arn:aws:iam::111122223333:user/lab-admin</Arn>");
    }

    @Test
    void stsAndIamDeniedIsAccessDenied403() throws Exception {
        emulator.failNext("iam:GetUser", Fault.ACCESS_DENIED);
        HttpResponse<String> r = form("Action=GetUser&Version=2010-05-08", "us-east-1", "iam");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
                .contains("<Code>AccessDenied</Code>").contains("iam:GetUser");
        assertThat(form("Action=GetUser&Version=2010-05-08", "us-east-1", "iam").body())
                .contains("<UserName>lab-admin</UserName>");
    }

    @Test
    void unimplementedOperationsHaveProperErrorShapes() throws Exception {
        HttpResponse<String> ssm = new SignedHttp(base).json11("AmazonSSM.SendCommand", "{}", "us-west-2", "ssm");
        assertThat(ssm.statusCode()).isEqualTo(400);
        assertThat(ssm.body()).contains("\"__type\":\"UnknownOperationException\"").contains("SendCommand");
        // CreateActivation is served: its JSON 1.1 error shape for a request without the required IamRole
        HttpResponse<String> create = new SignedHttp(base).json11("AmazonSSM.CreateActivation", "{}", "us-west-2", "ssm");
        assertThat(create.statusCode()).isEqualTo(400);
        assertThat(create.body()).contains("\"__type\":\"ValidationException\"").contains("iamRole");

        HttpResponse<String> ra = get("/subjects", "us-west-2", "rolesanywhere");
        assertThat(ra.statusCode()).isEqualTo(400);
        assertThat(get("/crls", "us-west-2", "rolesanywhere").body()).isEqualTo("{\"crls\":[]}");
        HttpResponse<String> anchors = get("/trustanchors", "us-west-2", "rolesanywhere");
        assertThat(anchors.statusCode()).isEqualTo(200);
        assertThat(anchors.body()).contains("\"name\":\"retail-edge-stores\"").contains("BEGIN CERTIFICATE");
        assertThat(get("/trustanchors", "eu-central-1", "rolesanywhere").body()).contains("\"trustAnchors\":[]");
        assertThat(ra.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");

        HttpResponse<String> sts = form("Action=GetFederationToken&Version=2011-06-15", "us-west-2", "sts");
        assertThat(sts.statusCode()).isEqualTo(400);
        assertThat(sts.body()).contains("<Code>InvalidAction</Code>");
        // AssumeRole is served (the lab's MFA roles): a request without RoleArn is STS's ValidationError
        HttpResponse<String> assume = form("Action=AssumeRole&Version=2011-06-15", "us-west-2", "sts");
        assertThat(assume.statusCode()).isEqualTo(400);
        assertThat(assume.body()).contains("<Code>ValidationError</Code>").contains("roleArn");
    }

    @Test
    void unsignedRequestsAreRefused() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/clusters")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
    }
}
