package dev.stackwright.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.diag.SourceLocation;
import org.junit.jupiter.api.Test;

/**
 * Places in a read file: objects and lists are placed while reading, single values only when a finding first asks
 * (the text is read again then), and both must give the same line and column as reading every value's place at once.
 */
class SourceTreeTest {
    private static final String JSON = """
            {
              "NetworkInterfaces": [
                {
                  "NetworkInterfaceId": "eni-1",
                  "Groups": [{"GroupId": "sg-1"}],
                  "Port": 70000
                },
                {"NetworkInterfaceId": "eni-2", "Flag": true, "Nothing": null}
              ]
            }
            """;

    @Test
    void placesObjectsListsAndSingleValues() throws SourceTree.Malformed {
        SourceTree tree = SourceTree.parse("f.json", JSON);
        assertThat(tree.at("")).isEqualTo(new SourceLocation("f.json", 1, 1));
        assertThat(tree.at("NetworkInterfaces")).isEqualTo(new SourceLocation("f.json", 2, 24));
        assertThat(tree.at("NetworkInterfaces[0]")).isEqualTo(new SourceLocation("f.json", 3, 5));
        assertThat(tree.at("NetworkInterfaces[0].Groups[0]")).isEqualTo(new SourceLocation("f.json", 5, 18));
        // Single values: read on demand, at their own place (not their object's).
        assertThat(tree.at("NetworkInterfaces[0].Port")).isEqualTo(new SourceLocation("f.json", 6, 15));
        assertThat(tree.at("NetworkInterfaces[0].Groups[0].GroupId")).isEqualTo(new SourceLocation("f.json", 5, 30));
        assertThat(tree.at("NetworkInterfaces[1].Flag")).isEqualTo(new SourceLocation("f.json", 8, 45));
        assertThat(tree.exact("NetworkInterfaces[1].Nothing")).contains(new SourceLocation("f.json", 8, 62));
    }

    @Test
    void aSingleValueAskedFirstIsPlacedToo() throws SourceTree.Malformed {
        SourceTree tree = SourceTree.parse("f.json", JSON);
        assertThat(tree.at("NetworkInterfaces[1].NetworkInterfaceId")).isEqualTo(new SourceLocation("f.json", 8, 28));
        assertThat(tree.at("NetworkInterfaces[1]")).isEqualTo(new SourceLocation("f.json", 8, 5));
    }

    @Test
    void aMissingPathIsPlacedAtTheNearestEnclosingValue() throws SourceTree.Malformed {
        SourceTree tree = SourceTree.parse("f.json", JSON);
        assertThat(tree.at("NetworkInterfaces[0].SubnetId")).isEqualTo(new SourceLocation("f.json", 3, 5));
        assertThat(tree.exact("NetworkInterfaces[0].SubnetId")).isEmpty();
        assertThat(tree.at("Nowhere.At.All")).isEqualTo(new SourceLocation("f.json", 1, 1));
    }

    @Test
    void yamlShortFormsAreLongFormsAndPlaced() throws SourceTree.Malformed {
        String yaml = """
                Resources:
                  Vpc:
                    Properties:
                      CidrBlock: !Ref Block
                      Name: !GetAtt Other.Name
                """;
        SourceTree tree = SourceTree.parse("t.yaml", yaml);
        assertThat(tree.root().at("/Resources/Vpc/Properties/CidrBlock/Ref").asText())
                .isEqualTo("Block");
        assertThat(tree.root().at("/Resources/Vpc/Properties/Name/Fn::GetAtt/1").asText())
                .isEqualTo("Name");
        assertThat(tree.at("Resources.Vpc.Properties.CidrBlock").line()).isEqualTo(4);
        assertThat(tree.at("Resources.Vpc.Properties.Name").line()).isEqualTo(5);
    }

    @Test
    void malformedTextIsLocated() {
        assertThatThrownBy(() -> SourceTree.parse("f.json", "{\"a\": [1, 2,, 3]}"))
                .isInstanceOf(SourceTree.Malformed.class)
                .satisfies(
                        e -> assertThat(((SourceTree.Malformed) e).diagnostic().format())
                                .contains("f.json:1:"));
    }
}
