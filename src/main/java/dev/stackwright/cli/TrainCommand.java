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
import java.util.concurrent.Callable;

/**
 * Hidden: exercises every stage once without touching files, so the launcher can record a class cache that covers
 * what real commands load.
 */
@Command(name = "__train", hidden = true)
final class TrainCommand implements Callable<Integer> {
    private static final String SPEC = """
            name: train
            environment: prod
            network: {azs: 3, nat: instance, access: bastion, bastionCidr: 203.0.113.0/24, endpoints: [s3, logs]}
            service: {port: 8080}
            database: {engine: postgres}
            """;
    private static final String BAD = "name: Bad_Name\nnetwork: {cidr: 8.8.8.8/33, nat: gatway, azz: 2}\n";

    @Override
    public Integer call() {
        long size = 0;
        for (String nat : new String[] {"instance", "gateway", "gateway-per-az", "regional-gateway", "none"}) {
            Stackwright.Result r = Stackwright.plan("train.yml", SPEC.replace("nat: instance", "nat: " + nat));
            for (TemplateWriter.Format f : TemplateWriter.Format.values()) {
                size += TemplateWriter.write(r.networkTemplate().toJson(), f).length();
                size += TemplateWriter.write(r.appTemplate().toJson(), f).length();
            }
            size += PlanText.render(r.network(), r.networkTemplate(), r.application(), r.appTemplate()).length();
            size += TemplateWriter.write(PlanJson.render(r.network(), r.networkTemplate(), r.application(), r.appTemplate()), TemplateWriter.Format.JSON).length();
            size += Analysis.gate(r.network(), Policy.defaults()).size();
            size += CheckText.render(Analysis.check(r, Policy.defaults())).length();
            size += Costs.planSummary(r).length();
        }
        try {
            Stackwright.plan("bad.yml", BAD);
        } catch (InputException e) {
            Main.report(e, new PrintWriter(new StringWriter()));
        }
        Main.commandLine(new String[0]).getUsageMessage();
        return size > 0 ? Main.OK : Main.INTERNAL;
    }
}
