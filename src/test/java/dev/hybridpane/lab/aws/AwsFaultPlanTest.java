package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.lab.world.LabWorld;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rate-based faults: seeded draws at the rate asked, on the operations asked, spelled as each service spells them. */
class AwsFaultPlanTest {
    static AwsEmulator emulator;
    static URI base;

    @BeforeAll
    static void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        base = emulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void clear() {
        emulator.clearFaults();
    }

    @Test
    void drawsAreSeededPerOperationAndCallAndKeepTheRate() {
        AwsFaultPlan plan = new AwsFaultPlan(0.3, 0.05, Set.of(), 42);
        List<Optional<Fault>> a = new ArrayList<>();
        List<Optional<Fault>> b = new ArrayList<>();
        int throttled = 0;
        int server = 0;
        for (int n = 0; n < 20_000; n++) {
            Optional<Fault> f = plan.draw("eks:DescribeCluster", n);
            a.add(f);
            b.add(plan.draw("eks:DescribeCluster", n));
            throttled += f.filter(Fault.THROTTLING::equals).isPresent() ? 1 : 0;
            server += f.filter(x -> x == Fault.INTERNAL_ERROR || x == Fault.SERVICE_UNAVAILABLE).isPresent() ? 1 : 0;
        }
        assertThat(a).isEqualTo(b);
        System.out.printf("seed 42, 20000 draws: %d throttled, %d 5xx%n", throttled, server);
        assertThat(throttled).isBetween(5_600, 6_400);
        assertThat(server).isBetween(800, 1_200);
        List<Optional<Fault>> other = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            other.add(new AwsFaultPlan(0.3, 0.05, Set.of(), 43).draw("eks:DescribeCluster", n));
        }
        assertThat(other).as("another seed, other draws").isNotEqualTo(a.subList(0, 200));
    }

    @Test
    void operationsAreNamedWithOrWithoutTheirService() {
        AwsFaultPlan plan = AwsFaultPlan.throttling(1, 1).on(List.of("ListClusters", "iam:GetRole"));
        assertThat(plan.covers("eks:ListClusters")).isTrue();
        assertThat(plan.covers("iam:GetRole")).isTrue();
        assertThat(plan.covers("eks:DescribeCluster")).isFalse();
        assertThat(plan.draw("eks:DescribeCluster", 0)).isEmpty();
        assertThat(AwsFaultPlan.throttling(1, 1).covers("anything:At")).isTrue();
        assertThatThrownBy(() -> new AwsFaultPlan(0.8, 0.3, Set.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AwsFaultPlan.throttling(1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AwsFaultPlan.throttling(0.3, 7).describe()).isEqualTo("30% throttled, 0% 5xx on all AWS calls (seed 7)");
    }

    @Test
    void throttlingIsSpelledAsEachServiceSpellsIt() throws Exception {
        emulator.armFaults(AwsFaultPlan.throttling(1, 5).on(List.of("ListClusters", "DescribeVpcs", "GetCallerIdentity",
                "DescribeActivations")));
        SignedHttp http = new SignedHttp(base);
        HttpResponse<String> eks = http.get("/clusters", "us-west-2", "eks");
        assertThat(eks.statusCode()).as("EKS's model: ThrottlingException is 429").isEqualTo(429);
        assertThat(eks.headers().firstValue("x-amzn-ErrorType")).hasValue("ThrottlingException");
        HttpResponse<String> ec2 = http.form("Action=DescribeVpcs&Version=2016-11-15", "us-west-2", "ec2");
        assertThat(ec2.statusCode()).isEqualTo(503);
        assertThat(ec2.body()).contains("<Code>RequestLimitExceeded</Code>");
        HttpResponse<String> sts = http.form("Action=GetCallerIdentity&Version=2011-06-15", "us-west-2", "sts");
        assertThat(sts.statusCode()).isEqualTo(400);
        assertThat(sts.body()).contains("<Code>Throttling</Code>", "<Type>Sender</Type>");
        HttpResponse<String> ssm = http.json11("AmazonSSM.DescribeActivations", "{}", "us-west-2", "ssm");
        assertThat(ssm.statusCode()).isEqualTo(400);
        assertThat(ssm.body()).contains("\"__type\":\"ThrottlingException\"");
        assertThat(http.get("/clusters/retail-edge", "us-west-2", "eks").statusCode()).as("not a chosen call").isEqualTo(200);
        assertThat(emulator.inspect().injectedFaults()).containsKeys("eks:ListClusters", "ec2:DescribeVpcs",
                "sts:GetCallerIdentity", "ssm:DescribeActivations").doesNotContainKey("eks:DescribeCluster");
        assertThat(emulator.inspect().injectedFaults().get("ec2:DescribeVpcs")).containsEntry(Fault.THROTTLING, 1L);
    }

    @Test
    void serverErrorsAre500Or503InEachServicesSpelling() throws Exception {
        SignedHttp http = new SignedHttp(base);
        long throttled = emulator.inspect().injectedFaultCount(Fault.THROTTLING);
        long server = emulator.inspect().injectedFaultCount(Fault.INTERNAL_ERROR, Fault.SERVICE_UNAVAILABLE);
        emulator.failNext("eks:ListClusters", Fault.INTERNAL_ERROR);
        emulator.failNext("eks:ListClusters", Fault.SERVICE_UNAVAILABLE);
        HttpResponse<String> first = http.get("/clusters", "us-west-2", "eks");
        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(first.headers().firstValue("x-amzn-ErrorType")).hasValue("ServerException");
        HttpResponse<String> second = http.get("/clusters", "us-west-2", "eks");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("x-amzn-ErrorType")).hasValue("ServiceUnavailableException");
        assertThat(http.get("/clusters", "us-west-2", "eks").statusCode()).isEqualTo(200);

        emulator.failNext("ec2:DescribeVpcs", Fault.INTERNAL_ERROR);
        assertThat(http.form("Action=DescribeVpcs&Version=2016-11-15", "us-west-2", "ec2").body())
                .contains("<Code>InternalError</Code>");
        emulator.failNext("iam:GetUser", Fault.INTERNAL_ERROR);
        HttpResponse<String> iam = http.form("Action=GetUser&Version=2010-05-08", "us-east-1", "iam");
        assertThat(iam.statusCode()).isEqualTo(500);
        assertThat(iam.body()).contains("<Code>ServiceFailure</Code>", "<Type>Receiver</Type>");
        emulator.failNext("sts:GetCallerIdentity", Fault.SERVICE_UNAVAILABLE);
        assertThat(http.form("Action=GetCallerIdentity&Version=2011-06-15", "us-west-2", "sts").body())
                .contains("<Code>ServiceUnavailable</Code>");
        emulator.failNext("ssm:DescribeActivations", Fault.INTERNAL_ERROR);
        HttpResponse<String> ssm = http.json11("AmazonSSM.DescribeActivations", "{}", "us-west-2", "ssm");
        assertThat(ssm.statusCode()).isEqualTo(500);
        assertThat(ssm.body()).contains("\"__type\":\"InternalServerError\"");
        assertThat(emulator.inspect().injectedFaultCount(Fault.INTERNAL_ERROR, Fault.SERVICE_UNAVAILABLE) - server).isEqualTo(6);
        assertThat(emulator.inspect().injectedFaultCount(Fault.THROTTLING)).isEqualTo(throttled);
    }
}
