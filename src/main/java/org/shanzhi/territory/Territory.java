package org.shanzhi.territory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.territory.internal.DivisionImporter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The territory module's API: look up nodes, browse children, add villager groups and grids, import codes. */
@Service
public class Territory {

    private static final String SELECT = """
            select d.code, d.name, d.level, d.parent_code,
                   (select count(*) from divisions c where c.parent_code = d.code) as child_count
            from divisions d
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final DivisionImporter importer;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Territory(JdbcClient jdbc, JdbcTemplate batch, DivisionImporter importer, ApplicationEventPublisher events, Clock clock) {
        this.batch = batch;
        this.jdbc = jdbc;
        this.importer = importer;
        this.events = events;
        this.clock = clock;
    }

    public Optional<Division> find(String code) {
        if (Level.ofCode(code).isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where d.code = ?").param(code).query(Territory::map).optional();
    }

    public Division get(String code) {
        return find(code).orElseThrow(() -> new NotFoundException("行政区划不存在 / no division " + code));
    }

    public List<Division> children(String code) {
        return jdbc.sql(SELECT + " where d.parent_code = ? order by d.code").param(code).query(Territory::map).list();
    }

    /** The chain from the top of the tree down to this node, for breadcrumbs. */
    public List<Division> path(String code) {
        List<String> prefixes = java.util.Arrays.stream(Level.values())
                .filter(l -> l.codeLength() <= code.length())
                .map(l -> code.substring(0, l.codeLength()))
                .toList();
        return jdbc.sql(SELECT + " where d.code in (:codes) order by length(d.code)")
                .param("codes", prefixes).query(Territory::map).list();
    }

    /** Names of the given nodes by code, in one query (list pages show names, not codes). */
    public Map<String, String> names(Collection<String> codes) {
        List<String> wanted = codes.stream().filter(c -> c != null && Level.ofCode(c).isPresent()).distinct().toList();
        Map<String, String> names = new HashMap<>();
        if (!wanted.isEmpty()) {
            jdbc.sql("select code, name from divisions where code in (:codes)").param("codes", wanted)
                    .query(rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                    });
        }
        return names;
    }

    /**
     * How many nodes of a level lie under a node (the villages of a county, the groups of a township), walking
     * down by parent code so that the parent index serves it.
     */
    public long countBelow(String code, Level level) {
        int depth = Level.ofCode(code).map(l -> level.ordinal() - l.ordinal()).orElse(-1);
        if (depth < 0) {
            return 0;
        }
        if (depth == 0) {
            return find(code).isPresent() ? 1 : 0;
        }
        List<String> parents = List.of(code);
        for (int i = 1; i < depth && !parents.isEmpty(); i++) {
            parents = jdbc.sql("select code from divisions where parent_code in (:p)").param("p", parents)
                    .query(String.class).list();
        }
        if (parents.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select count(*) from divisions where parent_code in (:p)").param("p", parents)
                .query(Long.class).single();
    }

    /** 村民小组: code = village code + 3 digits (the next free number unless one is given). */
    @Transactional
    public Division createGroup(String villageCode, Integer number, String name) {
        requireVillage(villageCode);
        checkGroupName(name);
        int n = number == null ? highestGroup(villageCode) + 1 : number;
        if (n < 1 || n > 999) {
            throw new InvalidInputException("number", "组号须在 1 到 999 之间 / number must be 1..999");
        }
        String code = villageCode + String.format("%03d", n);
        if (find(code).isPresent()) {
            throw new ConflictException("number", "该组号已存在 / group " + code + " exists");
        }
        jdbc.sql("insert into divisions (code, name, level, parent_code, county_code) values (?, ?, ?, ?, ?)")
                .params(code, name.trim(), Level.GROUP.name(), villageCode, Level.countyOf(code)).update();
        return get(code);
    }

    /**
     * A village's groups at once, numbered on from its highest group (1, 2, … for a new village): each name checked as
     * in {@link #createGroup}, then one batch. A bad name refuses them all. Returns the new codes.
     */
    @Transactional
    public List<String> createGroups(String villageCode, List<String> names) {
        requireVillage(villageCode);
        names.forEach(Territory::checkGroupName);
        int last = highestGroup(villageCode);
        if (last + names.size() > 999) {
            throw new InvalidInputException("number", "组号须在 1 到 999 之间 / number must be 1..999");
        }
        List<String> codes = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String code = villageCode + String.format("%03d", last + i + 1);
            codes.add(code);
            rows.add(new Object[] {code, names.get(i).trim(), Level.GROUP.name(), villageCode, Level.countyOf(code)});
        }
        batch.batchUpdate("insert into divisions (code, name, level, parent_code, county_code) values (?, ?, ?, ?, ?)", rows);
        return codes;
    }

    private void requireVillage(String villageCode) {
        if (get(villageCode).level() != Level.VILLAGE) {
            throw new InvalidInputException("villageCode", "村民小组只能建在行政村下 / groups belong under a village");
        }
    }

    private static void checkGroupName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "名称必填,最多 100 字 / name is required, at most 100 characters");
        }
    }

    /** The highest group number of a village, 0 when it has none. */
    private int highestGroup(String villageCode) {
        return jdbc.sql("select max(code) from divisions where parent_code = ?").param(villageCode)
                .query((rs, i) -> rs.getString(1) == null ? 0 : Integer.parseInt(rs.getString(1).substring(12))).single();
    }

    @Transactional
    public Grid createGrid(String villageCode, String name) {
        Division village = get(villageCode);
        if (village.level() != Level.VILLAGE) {
            throw new InvalidInputException("villageCode", "网格只能建在行政村下 / grids belong under a village");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "名称必填,最多 100 字 / name is required, at most 100 characters");
        }
        long id = Ids.next();
        jdbc.sql("insert into grids (id, county_code, village_code, name, created_at) values (?, ?, ?, ?, ?)")
                .params(id, Level.countyOf(villageCode), villageCode, name.trim(), LocalDateTime.now(clock)).update();
        return new Grid(id, Level.countyOf(villageCode), villageCode, name.trim());
    }

    public Optional<Grid> findGrid(long id) {
        return jdbc.sql("select id, county_code, village_code, name from grids where id = ?").param(id)
                .query((rs, i) -> new Grid(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
    }

    /** Grids under a node (a village, township or county), by code prefix. */
    public List<Grid> grids(String divisionCode) {
        return jdbc.sql("select id, county_code, village_code, name from grids where county_code = ? and village_code like ? order by village_code, name")
                .params(Level.countyOf(divisionCode), divisionCode + "%")
                .query((rs, i) -> new Grid(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    /** Imports {@code china-division} CSV files from a folder; see {@link ImportReport}. */
    public ImportReport importDivisions(Path dir, String onlyCounty) {
        ImportReport report = importer.importDir(dir, onlyCounty);
        if (report.inserted() + report.updated() > 0) {
            events.publishEvent(new DivisionsImported(report.inserted(), report.updated()));
        }
        return report;
    }

    private static Division map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Division(rs.getString("code"), rs.getString("name"), Level.valueOf(rs.getString("level")),
                rs.getString("parent_code"), rs.getLong("child_count"));
    }
}
