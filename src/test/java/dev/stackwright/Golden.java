package dev.stackwright;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden files under {@code src/test/resources/golden/}: compared byte for byte, with a line diff on mismatch.
 * Run {@code mvn test -Dgolden.update=true} to rewrite them after an intended change, then review the git diff.
 */
public final class Golden {
    public static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {}

    public static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    public static void assertMatches(String relative, String actual) throws IOException {
        Path file = ROOT.resolve(relative);
        if (updating()) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("golden file " + file + " is missing; run `mvn test -Dgolden.update=true` to create it");
        }
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("output differs from golden file " + file
                    + " (run `mvn test -Dgolden.update=true` if the change is intended):\n" + diff(expected, actual));
        }
    }

    /** The first few differing lines, enough to see what changed. */
    static String diff(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        List<String> out = new ArrayList<>();
        int n = Math.max(a.size(), b.size());
        for (int i = 0; i < n && out.size() < 40; i++) {
            String x = i < a.size() ? a.get(i) : "<end of file>";
            String y = i < b.size() ? b.get(i) : "<end of file>";
            if (!x.equals(y)) {
                out.add("line " + (i + 1) + ":\n  - " + x + "\n  + " + y);
            }
        }
        if (!expected.endsWith("\n") || !actual.endsWith("\n")) {
            out.add("(final newline: expected " + expected.endsWith("\n") + ", actual " + actual.endsWith("\n") + ")");
        }
        return String.join("\n", out);
    }
}
