package dev.stackwright.adopt;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.InputFiles;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.spec.StackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The folder of {@code describe-*} outputs that describes the VPC the user brings, as read from disk: the one file
 * access of adopting a VPC, done before planning so that {@link ExistingVpcPlanner} reads nothing.
 *
 * @param dir   the folder, resolved against the spec's own folder
 * @param files every {@code *.json} file of the folder, by path
 */
public record VpcFolder(Path dir, Map<String, String> files) {
    public VpcFolder {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /**
     * Reads the folder named by {@code network.existingVpcSnapshot}.
     *
     * @throws InputException when the folder does not exist or cannot be read
     */
    public static VpcFolder read(StackSpec spec) {
        String vpcId = spec.network().existingVpc().orElseThrow();
        Path specDir = Optional.ofNullable(
                        Path.of(spec.source().file()).toAbsolutePath().getParent())
                .orElse(Path.of("."));
        Path dir = specDir.resolve(spec.network().existingVpcSnapshot()).normalize();
        return new VpcFolder(dir, readFolder(dir, vpcId, ExistingVpcPlanner.snapshotLocation(spec)));
    }

    /** Every {@code *.json} file of the folder, by path. */
    private static Map<String, String> readFolder(Path dir, String vpcId, SourceLocation at) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(List.of(Diagnostic.error(
                    "no-vpc-snapshot",
                    at,
                    "network.existingVpcSnapshot",
                    "the folder describing the existing VPC does not exist",
                    dir.toString(),
                    "save the VPC's `aws ec2 describe-*` outputs there (docs/deploy.md lists them: describe-vpcs, "
                            + "describe-subnets, describe-route-tables, ... --filters Name=vpc-id,Values=" + vpcId
                            + "), or point network.existingVpcSnapshot at such a folder")));
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(f -> Files.isRegularFile(f)
                            && f.getFileName()
                                    .toString()
                                    .toLowerCase(Locale.ROOT)
                                    .endsWith(".json"))
                    .sorted()
                    .toList()) {
                files.put(f.toString(), InputFiles.read(f, "snapshot file", "check the folder", InputFiles.DATA_LIMIT));
            }
        } catch (IOException e) {
            throw new InputException(List.of(Diagnostic.error(
                    "unreadable",
                    SourceLocation.ofFile(dir.toString()),
                    "",
                    "the folder cannot be read: " + e.getMessage(),
                    null,
                    "check its permissions")));
        }
        return files;
    }
}
