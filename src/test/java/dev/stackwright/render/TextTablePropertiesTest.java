package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The table writer fills lines in place; held here to the plain way of writing the same table (a string per cell and
 * per line, trailing whitespace stripped with String.stripTrailing), over cells with spaces, tabs and wide characters.
 */
class TextTablePropertiesTest {
    @Provide
    Arbitrary<List<List<String>>> rows() {
        Arbitrary<String> cell = Arbitraries.strings()
                .withChars('a', 'b', ' ', '\t', '-')
                .withChars("\uD835\uDD38")
                .ofMaxLength(6);
        return cell.list().ofSize(3).list().ofMaxSize(8);
    }

    @Property
    void rendersAsThePlainWayDoes(
            @ForAll("rows") List<List<String>> rows, @ForAll boolean rightMiddle, @ForAll("indents") String indent) {
        TextTable table = TextTable.withColumns(3);
        if (rightMiddle) {
            table.rightAlign(1);
        }
        rows.forEach(r -> table.row(r.toArray(String[]::new)));
        String expected = plain(rows, rightMiddle, indent);
        assertThat(table.render(indent)).isEqualTo(expected);
        StringBuilder appended = new StringBuilder("before\n");
        table.renderTo(appended, indent);
        assertThat(appended.toString()).isEqualTo("before\n" + expected);
    }

    @Provide
    Arbitrary<String> indents() {
        return Arbitraries.of("", "  ", "> ");
    }

    private static String plain(List<List<String>> rows, boolean rightMiddle, String indent) {
        int[] width = new int[3];
        for (List<String> r : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], TextTable.width(r.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String fill = " ".repeat(width[i] - TextTable.width(r.get(i)));
                line.append(rightMiddle && i == 1 ? fill + r.get(i) : r.get(i) + fill);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
