package org.shanzhi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sharded profile's YAML names every table the migrations create: a county-owned table (with county_code) is
 * sharded over every data source, the others are broadcast or single. A new migration whose table is missing here
 * would otherwise only fail in the sharded deployment.
 */
class ShardingConfigTest {

    static final Path YAML = Path.of("src/sharded/resources/sharding/sharded.yaml");

    record Table(String name, boolean county) {
    }

    static List<Table> migratedTables() throws IOException {
        List<Table> tables = new ArrayList<>();
        Pattern create = Pattern.compile("create table (?:if not exists )?(\\w+)\\s*\\((.*?)\\n\\);", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path f : files.toList()) {
                Matcher m = create.matcher(Files.readString(f));
                while (m.find()) {
                    tables.add(new Table(m.group(1).toLowerCase(), m.group(2).contains("county_code")));
                }
            }
        }
        return tables;
    }

    @Test
    void everyMigratedTableIsPlacedAndEveryCountyTableIsShardedByCounty() throws IOException {
        String yaml = Files.readString(YAML);
        String broadcast = yaml.substring(yaml.indexOf("- !BROADCAST"), yaml.indexOf("- !SINGLE"));
        String single = yaml.substring(yaml.indexOf("- !SINGLE"), yaml.indexOf("\nprops:"));
        List<Table> tables = migratedTables();
        assertThat(tables).hasSizeGreaterThan(100);
        for (Table t : tables) {
            boolean sharded = yaml.contains("    " + t.name() + ":\n      actualDataNodes: <LITERAL>ds_0." + t.name() + ",ds_1." + t.name() + "\n");
            boolean isBroadcast = broadcast.contains("  - " + t.name() + "\n");
            boolean isSingle = single.contains("  - ds_0." + t.name() + "\n");
            assertThat(List.of(sharded, isBroadcast, isSingle)).as(t.name() + " placed exactly once").containsOnlyOnce(true);
            if (t.county() && !isBroadcast) {
                assertThat(sharded).as(t.name() + " has county_code, so it is sharded by it").isTrue();
            }
        }
        assertThat(yaml).contains("shardingColumn: county_code").contains("algorithmClassName: org.shanzhi.sharding.CountyShardingAlgorithm");
    }

    /** The two statement shapes the engine gets wrong (docs/SCALING.md) stay out of the product's SQL. */
    @Test
    void noStatementTheShardingEngineRefusesOrMisroutes() throws IOException {
        Pattern insertSelect = Pattern.compile("insert into \\w+\\s*\\([^)]*\\)\\s*select\\b", Pattern.CASE_INSENSITIVE);
        Pattern position = Pattern.compile("(order by|select|,|\\(|\\.)\\s*position\\b(?!\\()", Pattern.CASE_INSENSITIVE);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(f);
                if (insertSelect.matcher(code).find()) {
                    found.add(f + ": INSERT ... SELECT (routed to every shard)");
                }
                boolean inBlock = false;
                Pattern literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
                for (String line : code.split("\n")) {
                    boolean toggles = line.split("\"\"\"", -1).length % 2 == 0;
                    StringBuilder sql = new StringBuilder();
                    if (inBlock) {
                        sql.append(line);
                    } else {
                        Matcher m = literal.matcher(line);
                        while (m.find()) {
                            sql.append(m.group(1)).append(' ');
                        }
                    }
                    if (toggles) {
                        inBlock = !inBlock;
                    }
                    String text = sql.toString().replace("\\\"position\\\"", "").replace("\"position\"", "");
                    if (text.matches("(?is).*\\b(select|insert|update|order by)\\b.*") && position.matcher(text).find()) {
                        found.add(f + ": unquoted column position: " + line.trim());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
