package org.shanzhi.deliberation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.deliberation.internal.Check;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 村务公开 on a monthly schedule (SPEC §5: finance monthly): a village discloses its party affairs, village affairs
 * and finance for a month, once per category; the public notice itself (window, objections, printed board) is
 * the disclosure module's. {@link #missing} lists the villages that have not disclosed a month yet.
 */
@Service
public class AffairsDisclosures {

    public enum Category {
        PARTY("党务公开"), AFFAIRS("村务公开"), FINANCE("财务公开");

        private final String label;

        Category(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Monthly: village affairs and finance (party affairs are disclosed as they arise). */
    public static final Set<Category> MONTHLY = Set.of(Category.AFFAIRS, Category.FINANCE);

    public record NewDisclosure(String villageCode, String category, String period, String title, String text) {
    }

    /** A village that owes disclosures for a month. */
    public record Missing(String villageCode, String villageName, List<String> categories) {
    }

    private final JdbcClient jdbc;
    private final Matters matters;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AffairsDisclosures(JdbcClient jdbc, Matters matters, Territory territory, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.matters = matters;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public AffairsDisclosure publish(NewDisclosure cmd) {
        Check check = new Check();
        String village = matters.villageCode(check, cmd.villageCode());
        Category category = check.choice("category", cmd.category(), Category.class, true);
        YearMonth period = period(check, cmd.period());
        String title = check.text("title", cmd.title(), 200, true);
        String text = check.text("text", cmd.text(), 8000, true);
        if (period != null && period.isAfter(YearMonth.now(clock))) {
            check.add("period", "不能公开未来的月份 / cannot disclose a future month");
        }
        check.done();
        Actor a = DeliberationPolicy.requireCadre(village);
        String county = Level.countyOf(village);
        if (jdbc.sql("select count(*) from affairs_disclosures where county_code = ? and village_code = ? and category = ? and period = ?")
                .params(county, village, category.name(), period.toString()).query(Long.class).single() > 0) {
            throw new ConflictException("period", period + " 的" + category.label() + "已公开 / already disclosed for " + period);
        }
        long id = Ids.next();
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                insert into affairs_disclosures (county_code, id, village_code, category, period, title, body_text, created_by,
                                                 created_by_name, published_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(county, id, village, category.name(), period.toString(), title, text, a.accountId(), a.displayName(), now).update();
        events.publishEvent(new Audited(county, "affairs.disclosed", "affairs_disclosure", String.valueOf(id), null, null,
                "village=" + village + ", category=" + category + ", period=" + period));
        events.publishEvent(new VillageAffairsDisclosed(county, village, id, category.name(), period.toString(), title, text, now));
        return load(id);
    }

    public AffairsDisclosure disclosure(long id) {
        AffairsDisclosure d = load(id);
        DeliberationPolicy.requireRead(d.villageCode());
        return d;
    }

    public Page<AffairsDisclosure> list(String division, String period, int page, int size) {
        Page.check(page, size);
        String code = DeliberationPolicy.requireList(division);
        Check check = new Check();
        YearMonth ym = period == null || period.isBlank() ? null : period(check, period);
        check.done();
        String where = " where county_code = ? and village_code like ?" + (ym != null ? " and period = ?" : "");
        List<Object> params = new ArrayList<>(List.of(Level.countyOf(code), Matters.prefix(code)));
        if (ym != null) {
            params.add(ym.toString());
        }
        long total = jdbc.sql("select count(*) from affairs_disclosures" + where).params(params).query(Long.class).single();
        params.add(size);
        params.add((long) page * size);
        List<AffairsDisclosure> items = jdbc.sql("select * from affairs_disclosures" + where + " order by period desc, village_code, category limit ? offset ?")
                .params(params).query(AffairsDisclosures::map).list();
        return new Page<>(items, page, size, total);
    }

    /** Villages under the node (narrowed to the caller's scope) that have not disclosed the month's monthly categories. */
    public List<Missing> missing(String division, String period) {
        String code = DeliberationPolicy.requireList(division);
        Check check = new Check();
        YearMonth ym = period == null || period.isBlank() ? YearMonth.now(clock).minusMonths(1) : period(check, period);
        check.done();
        List<Division> villages = villagesUnder(code);
        List<Missing> result = new ArrayList<>();
        for (Division v : villages) {
            List<String> done = jdbc.sql("select category from affairs_disclosures where county_code = ? and village_code = ? and period = ?")
                    .params(Level.countyOf(v.code()), v.code(), ym.toString()).query(String.class).list();
            List<String> owed = MONTHLY.stream().filter(c -> !done.contains(c.name())).map(Enum::name).sorted().toList();
            if (!owed.isEmpty()) {
                result.add(new Missing(v.code(), v.name(), owed));
            }
        }
        return result;
    }

    /** The disclosure module's notice (wired after the merge). */
    @Transactional
    public void linkNotice(long id, String noticeRef) {
        AffairsDisclosure d = load(id);
        ScopeGuard.writable(new org.shanzhi.common.Located(d.countyCode(), d.villageCode(), null, null));
        jdbc.sql("update affairs_disclosures set notice_ref = ? where county_code = ? and id = ?").params(noticeRef, d.countyCode(), id).update();
    }

    private List<Division> villagesUnder(String code) {
        Division node = territory.find(code.length() > 12 ? code.substring(0, 12) : code).orElse(null);
        if (node == null) {
            return List.of();
        }
        if (node.level() == Level.VILLAGE) {
            return List.of(node);
        }
        List<Division> out = new ArrayList<>();
        for (Division child : territory.children(node.code())) {
            if (child.level() == Level.VILLAGE) {
                out.add(child);
            } else if (child.level() == Level.TOWNSHIP) {
                out.addAll(territory.children(child.code()).stream().filter(d -> d.level() == Level.VILLAGE).toList());
            }
        }
        return out;
    }

    private static YearMonth period(Check check, String value) {
        if (value == null || value.isBlank()) {
            check.add("period", "必填 / required");
            return null;
        }
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            check.add("period", "格式应为 yyyy-MM / format yyyy-MM");
            return null;
        }
    }

    private AffairsDisclosure load(long id) {
        return jdbc.sql("select * from affairs_disclosures where id = ?").param(id).query(AffairsDisclosures::map).optional()
                .orElseThrow(() -> new NotFoundException("公开记录不存在 / no such disclosure"));
    }

    private static AffairsDisclosure map(ResultSet rs, int i) throws SQLException {
        Category c = Category.valueOf(rs.getString("category"));
        return new AffairsDisclosure(rs.getLong("id"), rs.getString("county_code"), rs.getString("village_code"), c.name(), c.label(),
                rs.getString("period"), rs.getString("title"), rs.getString("body_text"), rs.getString("created_by_name"),
                rs.getObject("published_at", LocalDateTime.class), rs.getString("notice_ref"));
    }
}
