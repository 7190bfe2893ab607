package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one text table writer: widths from content, alignment, no trailing spaces, and its mistakes refused. */
class TextTableTest {
    @Test
    void headerOnly_rendersTheHeader_andCountsAsEmpty() {
        TextTable t = TextTable.withHeader("NAME", "CIDR");
        assertThat(t.isEmpty()).isTrue();
        assertThat(t.render("  ")).isEqualTo("  NAME  CIDR\n");
    }

    @Test
    void noHeaderAndNoRows_rendersNothing() {
        TextTable t = TextTable.withColumns(3);
        assertThat(t.isEmpty()).isTrue();
        assertThat(t.render("  ")).isEmpty();
    }

    @Test
    void aRow_makesTheTableNotEmpty() {
        assertThat(TextTable.withHeader("A").row("x").isEmpty()).isFalse();
        assertThat(TextTable.withColumns(1).row("x").isEmpty()).isFalse();
    }

    @Test
    void oneColumn_isTheCellsUnderTheIndent() {
        TextTable t = TextTable.withHeader("TIER").row("public").row("app");
        assertThat(t.render("> ")).isEqualTo("> TIER\n> public\n> app\n");
    }

    @Test
    void eachColumn_isAsWideAsItsWidestCell_headerIncluded_twoSpacesApart() {
        TextTable t = TextTable.withHeader("TIER", "CIDR", "WHY")
                .row("public", "10.0.0.0/24", "web")
                .row("app", "10.0.16.0/20", "tasks");
        assertThat(t.render("")).isEqualTo("""
                TIER    CIDR          WHY
                public  10.0.0.0/24   web
                app     10.0.16.0/20  tasks
                """);
    }

    @Test
    void withoutHeader_widthsComeFromTheRowsAlone() {
        TextTable t = TextTable.withColumns(2).row("a", "1").row("bb", "2");
        assertThat(t.render("")).isEqualTo("a   1\nbb  2\n");
    }

    @Test
    void rightAlignedColumns_padOnTheLeft_headerIncluded() {
        TextTable t = TextTable.withHeader("ITEM", "MONTHLY", "NOTE")
                .rightAlign(1)
                .row("nat", "$3.07", "shared")
                .row("alb", "$16.43", "");
        assertThat(t.render("  ")).isEqualTo("""
                  ITEM  MONTHLY  NOTE
                  nat     $3.07  shared
                  alb    $16.43
                """);
    }

    @Test
    void aRightAlignedLastColumn_isPadded_soNumbersLineUp() {
        TextTable t = TextTable.withColumns(2)
                .rightAlign(1)
                .row("AWS::EC2::Subnet", "6")
                .row("AWS::EC2::VPC", "12");
        assertThat(t.render("")).isEqualTo("AWS::EC2::Subnet   6\nAWS::EC2::VPC     12\n");
    }

    @Test
    void linesEndWithoutSpaces_evenWhenTheLastCellsAreEmpty() {
        TextTable t =
                TextTable.withHeader("A", "B", "C").row("long cell", "", "").row("", "", "");
        String text = t.render("    ");
        assertThat(text).isEqualTo("    A          B  C\n    long cell\n\n");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
    }

    @Test
    void aCharacterOutsideTheBasicPlane_takesOneColumn() {
        String wide = "\uD835\uDD38b"; // MATHEMATICAL DOUBLE-STRUCK CAPITAL A, then b: two columns, three chars
        TextTable t = TextTable.withColumns(2).row(wide, "x").row("ab", "y");
        assertThat(t.render("")).isEqualTo(wide + "  x\nab  y\n");
        assertThat(TextTable.width(wide)).isEqualTo(2);
    }

    @Test
    void pad_fillsToTheWidth_andLeavesWiderTextAlone() {
        assertThat(TextTable.pad("s3", 5)).isEqualTo("s3   ");
        assertThat(TextTable.pad("secretsmanager", 5)).isEqualTo("secretsmanager");
        assertThat(TextTable.pad("", 2)).isEqualTo("  ");
    }

    @Test
    void aRowOfTheWrongLength_isRefused_withTheCounts() {
        TextTable t = TextTable.withHeader("A", "B");
        assertThatThrownBy(() -> t.row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2 cells, got 1");
        assertThatThrownBy(() -> t.row("a", "b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.isEmpty()).isTrue();
    }

    @Test
    void aTableWithoutColumns_orAlignmentOfAMissingColumn_isRefused() {
        assertThatThrownBy(() -> TextTable.withHeader()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextTable.withColumns(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextTable.withColumns(2).rightAlign(2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("column 2 of a table with 2 columns");
    }

    @Test
    void cellsAreCopied_soChangingTheCallersArrayLaterChangesNothing() {
        String[] cells = {"a", "b"};
        TextTable t = TextTable.withColumns(2).row(cells);
        cells[0] = "changed";
        assertThat(t.render("")).isEqualTo("a  b\n");
    }
}
