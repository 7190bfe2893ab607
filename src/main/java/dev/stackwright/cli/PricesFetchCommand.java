package dev.stackwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.cost.CostJson;
import dev.stackwright.cost.PriceBook;
import dev.stackwright.cost.PriceBooks;
import dev.stackwright.cost.pricelist.PriceListFetch;
import dev.stackwright.cost.pricelist.PriceQuery;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.InputFiles;
import dev.stackwright.diag.SourceLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = {
            "Write a price book for a region from AWS's Price List (the public offer files, no AWS account "
                    + "needed): stackwright-prices/<region>.json, which `cost` and `plan` then use for specs in that region.",
            "Entries the Price List does not give are left out and listed, so their resources show as unpriced. "
                    + "The EC2 offer is several hundred MB; --offers reads offer files downloaded beforehand."
        })
final class PricesFetchCommand implements Callable<Integer> {
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$");

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "The region, e.g. ap-southeast-2 (default: the spec's).")
    @Nullable
    String region;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description =
                    "A spec: its region, and the book goes beside it where `cost` finds it (default: stackwright.yml "
                            + "when --region is not given).")
    @Nullable
    Path spec;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description =
                    "Where to write the book (default: stackwright-prices/<region>.json beside the spec, or in the "
                            + "current folder with --region alone).")
    @Nullable
    Path out;

    @Option(names = "--force", description = "Replace the file if it exists.")
    boolean force;

    @Option(
            names = "--merge",
            description = "Update the existing file: entries the Price List gives replace its own, "
                    + "entries it does not give are kept as they are.")
    boolean merge;

    @Option(
            names = "--offers",
            paramLabel = "URL|DIR",
            description = "The Price List's root: AWS's (default: ${DEFAULT-VALUE}), a mirror, or a folder with "
                    + "offers/v1.0/aws/<service>/current/<region>/index.json files.",
            defaultValue = "https://pricing.us-east-1.amazonaws.com/")
    String offers;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        PrintWriter stdout = command.commandLine().getOut();
        if (force && merge) {
            throw new CommandLine.ParameterException(
                    command.commandLine(), "--force replaces the file and --merge updates it: choose one");
        }
        Path beside = Path.of("");
        if (region == null && spec == null && !Files.exists(Path.of("stackwright.yml"))) {
            throw new CommandLine.ParameterException(
                    command.commandLine(),
                    "which region? Give --region REGION, or -f SPEC for the spec's (there is no stackwright.yml here)");
        }
        if (region == null || spec != null) {
            Path file = spec != null ? spec : Path.of("stackwright.yml");
            String specRegion = SpecOption.plan(file, err).spec().region();
            if (region != null && !region.equals(specRegion)) {
                throw new CommandLine.ParameterException(
                        command.commandLine(),
                        "--region " + region + " is not the region of " + file + " (" + specRegion
                                + "): give one of them");
            }
            region = specRegion;
            beside = java.util.Objects.requireNonNull(
                    file.toAbsolutePath().getParent()); // a file's absolute path has one
        }
        if (!REGION.matcher(region).matches()) {
            throw new CommandLine.ParameterException(
                    command.commandLine(),
                    "--region: `" + region + "` is not an AWS region code; use a code such as ap-southeast-2");
        }
        Path target = out != null ? out : beside.resolve(PriceBooks.DROP_IN_DIR).resolve(region + ".json");
        if (Files.exists(target) && !force && !merge) {
            throw problem(
                    target.toString(),
                    "already exists; it was left as it is",
                    null,
                    "pass --merge to update it (keeping what the Price List does not give), --force to replace it, "
                            + "or --out FILE to write elsewhere");
        }
        // The book to merge into must load, and be this region's: read once, before anything is fetched.
        Optional<String> existingText =
                merge && Files.exists(target) ? Optional.of(readText(target)) : Optional.empty();
        Optional<PriceBook> existing = existingText.map(text -> PriceBooks.parse(target.toString(), text));
        if (existing.isPresent() && !existing.get().region().equals(region)) {
            throw problem(
                    target.toString(),
                    "is the book of " + existing.get().region() + ", not " + region,
                    null,
                    "merge into that region's book, or pass --out FILE");
        }
        URI base = offersRoot(offers);
        Consumer<String> progress = line -> err.println("stackwright: " + line);
        PriceListFetch.Result r = PriceListFetch.fetch(
                region,
                base,
                LocalDate.now(java.time.ZoneId.systemDefault()),
                PriceQuery.builtIn(),
                new OfferFiles(progress, 50L * 1024 * 1024),
                progress);
        if (r.found().isEmpty()) {
            String why = r.unreadOffers().isEmpty()
                    ? "no entry matched a product for " + region
                    : r.unreadOffers().values().iterator().next();
            throw new DeployException(
                    base + " gave no prices for " + region + " (" + why + ")",
                    "check the region and the connection, or download the offer files and pass --offers DIR");
        }
        ObjectNode book = r.book();
        List<String> kept = List.of();
        if (existing.isPresent()) {
            PriceListFetch.Merged merged = PriceListFetch.merge(r, tree(existingText.get()));
            book = merged.book();
            kept = merged.kept();
        }
        String text = CostJson.write(book);
        PriceBooks.parse(target.toString(), text); // what is written must load: a failure here is a bug, not bad input
        write(target, text);
        Map<String, String> missing = new java.util.LinkedHashMap<>(r.leftOut());
        kept.forEach(missing::remove);
        stdout.println("wrote " + target + ": " + r.found().size() + " entries from AWS's Price List, "
                + r.copied().size() + " copied from the us-east-1 book (the same in every region), " + missing.size()
                + " left out");
        if (existing.isPresent()) {
            stdout.println("kept " + kept.size() + " entries of the existing book that the Price List did not give"
                    + (kept.isEmpty() ? "" : ": " + String.join(", ", kept)));
        }
        list(stdout, "Offers not read", r.unreadOffers());
        list(stdout, "Left out (their resources show as unpriced; add them by hand as docs/cost.md says)", missing);
        return Main.OK;
    }

    /**
     * The Price List's root from {@code --offers}: an http(s) URL with a host, a {@code file:} URL of this machine,
     * or a folder path. Anything else is the user's mistake, said before a byte is fetched.
     */
    static URI offersRoot(String offers) {
        String shown = "--offers `" + dev.stackwright.deploy.AwsTarget.masked(offers) + "`";
        String fix = "give an http(s) URL such as https://pricing.us-east-1.amazonaws.com/, or the folder that holds "
                + "offers/v1.0/aws/<service>/current/<region>/index.json";
        boolean url = offers.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !offers.matches("^[a-zA-Z]:\\\\.*");
        if (!url) {
            Path folder;
            try {
                folder = Path.of(offers);
            } catch (java.nio.file.InvalidPathException e) {
                throw new DeployException(shown + " is not a folder path (" + e.getReason() + ")", fix);
            }
            if (!Files.isDirectory(folder)) {
                throw new DeployException(shown + ": there is no such folder", fix);
            }
            return folder.toAbsolutePath().toUri();
        }
        URI uri;
        try {
            uri = new URI(offers);
        } catch (java.net.URISyntaxException e) {
            throw new DeployException(
                    shown + " is not a URL (" + e.getReason().toLowerCase(java.util.Locale.ROOT) + " at character "
                            + (e.getIndex() + 1) + "; a space must be written %20)",
                    fix);
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (uri.isOpaque() || !List.of("http", "https", "file").contains(scheme)) {
            throw new DeployException(shown + " is not an http(s) URL or a folder", fix);
        }
        if (!scheme.equals("file")) {
            if (uri.getHost() == null) {
                throw new DeployException(shown + " has no host name", fix);
            }
            return uri;
        }
        if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
            throw new DeployException(
                    shown + " names the host " + uri.getRawAuthority() + "; only this machine's files " + "are read",
                    "write file:///path (three slashes), give the folder path, or an http(s) URL");
        }
        Path folder;
        try {
            folder = Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new DeployException(
                    shown + " is not a file URL of a folder", "write file:///path/to/folder, or give the folder path");
        }
        if (!Files.isDirectory(folder)) {
            throw new DeployException(shown + ": there is no such folder", fix);
        }
        return uri;
    }

    private static String readText(Path file) {
        return InputFiles.read(file, "price book", "check the path given to --out", InputFiles.DATA_LIMIT);
    }

    /** The text of a book that has already loaded, as a tree. */
    private static JsonNode tree(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("a book that loaded is JSON", e);
        }
    }

    private static void list(PrintWriter out, String title, Map<String, String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.println(title);
        items.forEach((k, why) -> out.println("  " + k + ": " + why));
    }

    /** Through a temporary file beside the target, so an interrupted run never leaves half a book. */
    private static void write(Path target, String text) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".prices", ".json");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw problem(
                    target.toString(),
                    "cannot be written: " + e.getMessage(),
                    null,
                    "check the folder and its permissions");
        }
    }

    private static InputException problem(String where, String what, @Nullable String got, String fix) {
        return new InputException(
                List.of(Diagnostic.error("prices-fetch", SourceLocation.ofFile(where), "", what, got, fix)));
    }
}
