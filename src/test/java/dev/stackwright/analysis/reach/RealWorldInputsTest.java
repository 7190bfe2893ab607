package dev.stackwright.analysis.reach;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.Protocol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stackwright.analysis.reach.ReachabilityTest.PROD;
import static dev.stackwright.analysis.reach.ReachabilityTest.ask;
import static dev.stackwright.analysis.reach.ReachabilityTest.codes;
import static org.assertj.core.api.Assertions.assertThat;

/** Answers that must agree with AWS on inputs read from real accounts and templates, each pinned to AWS's words. */
class RealWorldInputsTest {

    /** Two Lambda functions in the app subnets, with the app group, as a snapshot or template brings them. */
    static final Network WITH_FUNCTIONS = Networks.addAttachment(Networks.addAttachment(PROD,
                    new Attachment("worker-a", Attachment.Kind.FUNCTION, "app-a", List.of("app"), false)),
            new Attachment("worker-b", Attachment.Kind.FUNCTION, "app-b", List.of("app"), false));

    /*
     * https://docs.aws.amazon.com/lambda/latest/dg/foundation-networking.html: "A Lambda function always runs inside a
     * VPC owned by the Lambda service." and "Lambda provides managed resources named Hyperplane ENIs, which your Lambda
     * function uses to connect from the Lambda VPC to an ENI (Elastic network interface) in your account VPC." The
     * interface in our VPC carries the function's own connections out; nothing listens on it.
     */
    @Test
    void aLambdaFunction_acceptsNoConnections_evenWhereItsGroupAdmitsThem() {
        int service = PROD.servicePort();
        assertThat(ask(PROD, "front-door-a", "app-a", service).reachable()).isTrue();
        Answer a = ask(WITH_FUNCTIONS, "front-door-a", "worker-a", service);
        assertThat(a.reachable()).isFalse();
        assertThat(codes(a)).containsExactly("not-a-listener");
        assertThat(a.blockers().getFirst().message()).isEqualTo(
                "worker-a is a Lambda function: its interface carries only the connections the function opens");
        assertThat(ask(WITH_FUNCTIONS, "worker-b", "worker-a", service).reachable()).isFalse();
    }

    @Test
    void aLambdaFunction_stillOpensConnections() {
        assertThat(ask(WITH_FUNCTIONS, "worker-a", "database-a", PROD.databasePort()).reachable()).isTrue();
        assertThat(ask(WITH_FUNCTIONS, "worker-a", "internet", 443).reachable()).isTrue();
    }

    @Test
    void checkListsNoConnectionIntoAFunction_butKeepsTheOnesItOpens() {
        Exposure e = Exposure.of(new Reachability(WITH_FUNCTIONS));
        assertThat(e.internal()).noneMatch(i -> i.to().kind() == Attachment.Kind.FUNCTION);
        assertThat(e.internal()).anyMatch(i -> i.from().name().equals("worker-a") && i.to().name().equals("database-a")
                && i.protocol() == Protocol.TCP);
        assertThat(e.fromInternet()).noneMatch(i -> i.attachment().kind() == Attachment.Kind.FUNCTION);
    }
}
