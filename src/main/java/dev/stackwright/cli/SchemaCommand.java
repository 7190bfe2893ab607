package dev.stackwright.cli;

import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.spec.SchemaCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of stackwright.yml, for editors with the YAML language server.")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine()
                .getOut()
                .print(TemplateWriter.write(SchemaCheck.schemaTree(), TemplateWriter.Format.JSON));
        return Main.OK;
    }
}
