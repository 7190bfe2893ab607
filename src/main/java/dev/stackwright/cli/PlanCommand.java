package dev.stackwright.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.Stackwright;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.cost.Costs;
import dev.stackwright.report.PipelinePlan;
import dev.stackwright.report.PlanJson;
import dev.stackwright.report.PlanText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Show what will be built: subnets by tier and zone, routes, NAT, endpoints, security groups, "
                + "network ACLs and resource counts; with a pipeline: section, its stages and resources.")
final class PlanCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Mixin
    SpecOption spec;

    @Mixin
    GateOption gate;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Stackwright.Result result = spec.plan(command.commandLine().getErr());
        GateOption.Check check = gate.start(result);
        String text = switch (format) {
            case text ->
                PlanText.render(result.planned(), result.networkTemplate(), result.application(), result.appTemplate())
                        + result.pipeline()
                                .map(p -> "\n"
                                        + PipelinePlan.text(
                                                p, result.pipelineTemplate().orElseThrow()))
                                .orElse("")
                        + "\nCost        "
                        + Costs.planSummary(
                                result.spec(), result.planned(), result.application(), result.existingVpc());
            case json -> {
                ObjectNode plan = PlanJson.render(
                        result.planned(), result.networkTemplate(), result.application(), result.appTemplate());
                result.pipeline()
                        .ifPresent(p -> plan.set(
                                "pipeline",
                                PipelinePlan.json(p, result.pipelineTemplate().orElseThrow())));
                yield TemplateWriter.write(plan, TemplateWriter.Format.JSON);
            }
        };
        check.enforce(command.commandLine().getErr());
        command.commandLine().getOut().print(text);
        return Main.OK;
    }
}
