package dev.stackwright.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StarterTest {
    @Test
    void target_turnsDotPrefixesIntoDots_inEverySegment() {
        assertThat(Starter.target("dot-dockerignore", Database.NONE)).contains(".dockerignore");
        assertThat(Starter.target("dot-mvn/maven.config", Database.MYSQL)).contains(".mvn/maven.config");
        assertThat(Starter.target("src/dot-env/dot-x", Database.MYSQL)).contains("src/.env/.x");
        assertThat(Starter.target("src/not-dot-x", Database.MYSQL)).contains("src/not-dot-x");
    }

    @Test
    void target_keepsADatabaseFile_onlyForItsChoice_withoutTheSuffix() {
        assertThat(Starter.target("a/Db.java.postgres", Database.POSTGRES)).contains("a/Db.java");
        assertThat(Starter.target("a/Db.java.postgres", Database.MYSQL)).isEmpty();
        assertThat(Starter.target("a/Db.java.mysql", Database.MYSQL)).contains("a/Db.java");
        assertThat(Starter.target("a/Db.java.mysql", Database.NONE)).isEmpty();
        assertThat(Starter.target("a/Mem.java.nodb", Database.NONE)).contains("a/Mem.java");
        assertThat(Starter.target("a/Mem.java.nodb", Database.POSTGRES)).isEmpty();
        for (Database db : Database.values()) {
            assertThat(Starter.target("a/Jdbc.java.withdb", db))
                    .isEqualTo(db == Database.NONE ? Optional.empty() : Optional.of("a/Jdbc.java"));
            assertThat(Starter.target("README.md", db)).contains("README.md");
        }
    }

    @Test
    void render_fillsBothPlaceholders_everywhere() {
        assertThat(Starter.render("{{name}}: {{database}} ({{name}})", "shop", Database.MYSQL))
                .isEqualTo("shop: mysql (shop)");
    }

    @Test
    void parse_readsFilesTxt_andStarterProperties() {
        Starter s = Starter.parse(
                "java",
                "port=8080\nhealthPath=/health\ntest=mvn -o verify\nprefetch=mvn verify\n",
                "# comment\n\npom.xml\n  src/App.java  \n");
        assertThat(s.files()).containsExactly("pom.xml", "src/App.java");
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.healthPath()).isEqualTo("/health");
        assertThat(s.testCommand()).isEqualTo("mvn -o verify");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Starter.parse("x", "port=1\n", ""))
                .hasMessageContaining("starters/x/starter.properties has no healthPath");
    }

    @Test
    void spec_hasTheStartersPortAndHealthPath_theDatabase_andNoImage() {
        Starter s = new Starter("java", 9000, "/healthz", "t", "p", java.util.List.of());
        String none = StarterSpec.yaml("shop", s, Database.NONE);
        assertThat(none)
                .contains("name: shop\n", "compute: fargate", "port: 9000", "healthCheckPath: /healthz")
                .doesNotContain("database:")
                .doesNotContainPattern("(?m)^\\s*image:");
        assertThat(StarterSpec.yaml("shop", s, Database.MYSQL)).contains("database:\n  engine: mysql\n");
    }
}
