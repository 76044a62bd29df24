package org.shanzhi;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Shanzhi 善治: one deployable modular monolith a county runs for its townships, villages and people.
 *
 * <p>{@code java -jar shanzhi.jar} serves the platform; {@code java -jar shanzhi.jar import-divisions --dir DIR
 * [--county 469030]} imports division codes into the configured database and exits; {@code import-households
 * --file F.csv --county 469030} imports a household/person sheet for one county (all or nothing) and exits;
 * {@code move-county --county C --to ds_N} (sharded build only) moves a county's rows to another database.
 */
@SpringBootApplication
@EnableScheduling
public class ShanzhiApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("move-county")) {
            // the sharded build's command (docs/SCALING.md); the class is compiled only with -Psharded
            Class<?> move;
            try {
                move = Class.forName("org.shanzhi.sharding.MoveCounty");
            } catch (ClassNotFoundException e) {
                System.err.println("move-county needs the sharded build (mvn -Psharded package)");
                System.exit(2);
                return;
            }
            move.getMethod("main", String[].class).invoke(null, (Object) args);
            return;
        }
        if (args.length > 0 && (args[0].equals("import-divisions") || args[0].equals("import-households"))) {
            String command = args[0];
            List<String> props = new ArrayList<>(List.of("--spring.main.web-application-type=none",
                    "--shanzhi.demo.enabled=false", "--spring.main.banner-mode=off"));
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--dir", "--file", "--county" -> props.add("--shanzhi." + command + "." + args[i].substring(2) + "=" + args[++i]);
                    default -> props.add(args[i]);
                }
            }
            System.exit(SpringApplication.exit(SpringApplication.run(ShanzhiApplication.class, props.toArray(String[]::new))));
        }
        SpringApplication.run(ShanzhiApplication.class, args);
    }
}
