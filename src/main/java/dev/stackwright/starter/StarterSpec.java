package dev.stackwright.starter;

/**
 * The stackwright.yml of a starter project: Fargate, the starter's port and health path, the chosen database, and no
 * {@code service.image}, so the service runs the image build.yml pushes to the project's own repository.
 */
public final class StarterSpec {
    private StarterSpec() {}

    public static String yaml(String projectName, Starter starter, Database database) {
        StringBuilder yaml = new StringBuilder()
                .append("# stackwright.yml of ")
                .append(projectName)
                .append(", written by `stackwright init --starter ")
                .append(starter.language())
                .append(" --database ")
                .append(database.id())
                .append("`.\n")
                .append("# `stackwright plan` shows what it builds and costs; docs/spec.md lists every key.\n")
                .append("# yaml-language-server: $schema=stackwright.schema.json\n")
                .append("\n")
                .append("name: ")
                .append(projectName)
                .append("\n")
                .append("region: us-east-1\n")
                .append("environment: dev            # dev | staging | prod\n")
                .append("\n")
                .append("network:\n")
                .append("  azs: 2\n")
                .append("  nat: instance             # instance (cheapest) | gateway | gateway-per-az | none\n")
                .append("\n")
                .append("service:\n")
                .append("  compute: fargate\n")
                .append("  port: ")
                .append(starter.port())
                .append("                # the starter listens here (PORT)\n")
                .append("  healthCheckPath: ")
                .append(starter.healthPath())
                .append("\n")
                .append("  # No image: the service runs the project's own image, which build.yml pushes.\n");
        if (database != Database.NONE) {
            yaml.append("\n")
                    .append("database:\n")
                    .append("  engine: ")
                    .append(database.id())
                    .append("\n")
                    .append("  instanceClass: db.t4g.micro   # Graviton, the cheapest class\n");
        }
        return yaml.toString();
    }
}
