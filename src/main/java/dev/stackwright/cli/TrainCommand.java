package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.report.CheckText;
import dev.stackwright.cost.Costs;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.diag.InputException;
import dev.stackwright.report.PlanJson;
import dev.stackwright.report.PlanText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * Hidden: exercises every stage once (touching no file but one throw-away temporary file), so the launcher can record a class cache that covers
 * what real commands load.
 */
@Command(name = "__train", hidden = true)
final class TrainCommand implements Callable<Integer> {
    private static final String SPEC = """
            name: train
            environment: prod
            network: {azs: 3, nat: instance, access: bastion, bastionCidr: 203.0.113.0/24, endpoints: [s3, logs]}
            service: {port: 8080, compute: ecs-ec2}
            frontDoor: {type: alb, domain: train.example.com, certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/t'}
            database: {engine: postgres}
            alarms: {email: ops@example.com}
            """;
    /** Each NAT mode meets one compute and front door, so every renderer branch loads. */
    private static final String[][] APPS = {{"ecs-ec2", "alb"}, {"fargate", "api-gateway"}, {"lambda", "alb"},
            {"ecs-ec2", "api-gateway"}, {"lambda", "api-gateway"}};
    private static final String BAD = "name: Bad_Name\nnetwork: {cidr: 8.8.8.8/33, nat: gatway, azz: 2}\n";

    @Override
    public Integer call() {
        long size = 0;
        String[] nats = {"instance", "gateway", "gateway-per-az", "regional-gateway", "none"};
        for (int i = 0; i < nats.length; i++) {
            String spec = SPEC.replace("nat: instance", "nat: " + nats[i]).replace("compute: ecs-ec2", "compute: " + APPS[i][0])
                    .replace("type: alb", "type: " + APPS[i][1])
                    .replace("endpoints: [s3, logs]", nats[i].equals("none") ? "endpoints: [s3, logs, secretsmanager]" : "endpoints: [s3, logs]");
            Stackwright.Result r = Stackwright.plan("train.yml", spec);
            for (TemplateWriter.Format f : TemplateWriter.Format.values()) {
                size += TemplateWriter.write(r.networkTemplate().toJson(), f).length();
                size += TemplateWriter.write(r.appTemplate().toJson(), f).length();
            }
            size += PlanText.render(r.planned(), r.networkTemplate(), r.application(), r.appTemplate()).length();
            size += TemplateWriter.write(PlanJson.render(r.planned(), r.networkTemplate(), r.application(), r.appTemplate()), TemplateWriter.Format.JSON).length();
            size += Analysis.gate(r.network(), Policy.defaults()).size();
            size += CheckText.render(Analysis.check(r.network(), java.util.Optional.of(r.intent()), OptionalInt.of(r.spec().network().maxTasks()), Policy.defaults())).length();
            size += Costs.planSummary(r.spec(), r.planned(), r.application(), r.existingVpc()).length();
        }
        try {
            Stackwright.plan("bad.yml", BAD);
        } catch (InputException e) {
            Main.report(e, new PrintWriter(new StringWriter()));
        }
        Main.commandLine(new String[0]).getUsageMessage();
        // synth writes through Files.createTempFile, whose random names load SecureRandom: one throw-away file in the
        // system's temporary folder puts those classes in the cache too.
        try {
            java.nio.file.Files.deleteIfExists(java.nio.file.Files.createTempFile("stackwright-train", ".tmp"));
        } catch (java.io.IOException | SecurityException e) {
            // The cache then lacks those classes; synth still works, a little slower to start.
        }
        return size > 0 ? Main.OK : Main.INTERNAL;
    }
}
