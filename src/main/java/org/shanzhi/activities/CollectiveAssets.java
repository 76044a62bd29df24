package org.shanzhi.activities;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shanzhi.activities.internal.ActivitiesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeItem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 三资 (文登): the register of the collective's funds, assets and resources (资金、资产、资源), the append-only ledger of
 * income and spending (a correction is a reversing entry), the monthly disclosure published on the village's notice
 * board (totals by category, contracts signed in the month, leases falling due), and the list of leases due within
 * N days of today (the injected clock). Yuan are {@code BigDecimal} with scale 2.
 */
@Service
public class CollectiveAssets {

    /** 资金、资产、资源. */
    public static final Map<String, String> CATEGORIES = ordered("FUND", "资金", "ASSET", "资产", "RESOURCE", "资源");
    public static final Map<String, String> KINDS = ordered("LAND", "土地", "FOREST", "林地", "WATER", "水面", "BUILDING", "房屋建筑",
            "EQUIPMENT", "设备", "FACILITY", "设施", "CASH", "货币资金", "OTHER", "其他");
    public static final Map<String, String> INCOME = ordered("LEASE", "租赁收入", "OPERATION", "经营收入", "SUBSIDY", "补助收入",
            "INVESTMENT", "投资收益", "OTHER_INCOME", "其他收入");
    public static final Map<String, String> SPENDING = ordered("PROJECT", "工程支出", "MANAGEMENT", "管理费用", "WELFARE", "公益支出",
            "OPERATING_COST", "经营支出", "OTHER_SPENDING", "其他支出");
    /** The notice's source type (the disclosure module echoes it). */
    public static final String SOURCE_TYPE = "activities.assets-month";
    public static final int DEFAULT_DUE_DAYS = 30;
    static final BigDecimal MAX_YUAN = new BigDecimal("1000000000000");

    public record Asset(long id, String villageCode, String category, String kind, String name, BigDecimal quantity, String unit,
            String location, BigDecimal bookValueYuan) {

        public String categoryLabel() {
            return CATEGORIES.getOrDefault(category, category);
        }

        public String kindLabel() {
            return KINDS.getOrDefault(kind, kind);
        }
    }

    public record NewAsset(String villageCode, String category, String kind, String name, BigDecimal quantity, String unit, String location,
            BigDecimal bookValueYuan) {
    }

    public record Entry(long id, String villageCode, String direction, String category, BigDecimal amountYuan, LocalDate entryDate,
            Long contractId, Long reversesId, String note) {

        public String categoryLabel() {
            return label(category);
        }
    }

    public record NewEntry(String villageCode, String direction, String category, BigDecimal amountYuan, LocalDate entryDate, Long contractId,
            String note) {
    }

    /** One line of the month's totals. */
    public record Total(String direction, String category, String label, BigDecimal amountYuan) {
    }

    /** A village's month: its entries, totals by category, contracts signed in it and leases due; its disclosure if published. */
    public record Ledger(String villageCode, String period, List<Entry> entries, List<Total> totals, BigDecimal incomeYuan,
            BigDecimal spendingYuan, BigDecimal netYuan, List<CollectiveContracts.Contract> contractsSigned,
            List<CollectiveContracts.Contract> leasesDue, Long noticeId) {
    }

    public record Disclosure(long id, String villageCode, String period, long noticeId) {
    }

    private final JdbcClient jdbc;
    private final CollectiveContracts contracts;
    private final NoticeBoard notices;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public CollectiveAssets(JdbcClient jdbc, CollectiveContracts contracts, NoticeBoard notices, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.contracts = contracts;
        this.notices = notices;
        this.events = events;
        this.clock = clock;
    }

    // ---- the register ---------------------------------------------------------------------------

    @Transactional
    public Asset register(NewAsset cmd) {
        Actor a0 = ActivitiesPolicy.reader();
        if (cmd == null) {
            throw new InvalidInputException("body", "请求体必填 / body is required");
        }
        String village = village(cmd.villageCode());
        Actor a = ActivitiesPolicy.keep(a0.countyCode(), village);
        List<FieldError> errors = new ArrayList<>();
        String category = upper(cmd.category());
        if (!CATEGORIES.containsKey(category)) {
            errors.add(new FieldError("category", "类别应为 FUND(资金)/ASSET(资产)/RESOURCE(资源) / category is FUND, ASSET or RESOURCE"));
        }
        String kind = upper(cmd.kind());
        if (!KINDS.containsKey(kind)) {
            errors.add(new FieldError("kind", "种类应为 " + String.join("/", KINDS.keySet()) + " / unknown kind"));
        }
        String name = text(errors, "name", cmd.name(), 100, true, "名称必填,最多 100 字 / name is required, at most 100 characters");
        BigDecimal quantity = cmd.quantity();
        if (quantity == null || quantity.signum() < 0 || quantity.scale() > 2 || quantity.compareTo(MAX_YUAN) >= 0) {
            errors.add(new FieldError("quantity", "面积或数量应为非负数,最多两位小数 / a quantity of 0 or more, at most 2 decimals"));
        }
        String unit = text(errors, "unit", cmd.unit(), 10, true, "单位必填,最多 10 字(亩、平方米、台、元)/ unit is required, at most 10 characters");
        String location = text(errors, "location", cmd.location(), 200, false, "坐落最多 200 字 / location is at most 200 characters");
        BigDecimal value = cmd.bookValueYuan();
        if (value == null || value.signum() < 0 || value.scale() > 2 || value.compareTo(MAX_YUAN) >= 0) {
            errors.add(new FieldError("bookValueYuan", "账面价值应为非负数,最多两位小数 / a book value of 0 or more, at most 2 decimals"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id = Ids.next();
        jdbc.sql("""
                insert into collective_assets (county_code, id, village_code, category, kind, name, quantity, unit, location, book_value_yuan,
                    created_by_name, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.countyCode(), id, village, category, kind, name, quantity.setScale(2, RoundingMode.UNNECESSARY), unit, location,
                        value.setScale(2, RoundingMode.UNNECESSARY), a.displayName(), now()).update();
        events.publishEvent(new Audited(a.countyCode(), "activities.asset_registered", "collective_asset", String.valueOf(id), null, null,
                category + " " + kind + " " + value.toPlainString()));
        return asset(id);
    }

    public List<Asset> assets(String villageCode) {
        Actor a = ActivitiesPolicy.reader();
        String village = village(villageCode);
        ActivitiesPolicy.readVillage(a, a.countyCode(), village);
        return jdbc.sql("select " + ASSET_COLUMNS + " from collective_assets where county_code = ? and village_code = ? order by category, kind, name, id")
                .params(a.countyCode(), village).query(CollectiveAssets::asset).list();
    }

    public Asset asset(long id) {
        Actor a = ActivitiesPolicy.reader();
        Asset asset = jdbc.sql("select " + ASSET_COLUMNS + " from collective_assets where county_code = ? and id = ?").params(a.countyCode(), id)
                .query(CollectiveAssets::asset).optional().orElseThrow(() -> new NotFoundException("未找到资产 / no such asset"));
        ActivitiesPolicy.readVillage(a, a.countyCode(), asset.villageCode());
        return asset;
    }

    /** Book value by category (资金、资产、资源) of the village's register. */
    public Map<String, BigDecimal> bookValues(String villageCode) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        CATEGORIES.keySet().forEach(c -> sums.put(c, BigDecimal.ZERO.setScale(2)));
        for (Asset x : assets(villageCode)) {
            sums.merge(x.category(), x.bookValueYuan(), BigDecimal::add);
        }
        return sums;
    }

    private static final String ASSET_COLUMNS = "id, village_code, category, kind, name, quantity, unit, location, book_value_yuan";

    private static Asset asset(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Asset(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getString(7),
                rs.getString(8), rs.getBigDecimal(9));
    }

    // ---- the ledger -----------------------------------------------------------------------------

    /** Records an income or spending entry, dated today or earlier, in a month not yet disclosed. */
    @Transactional
    public Entry record(NewEntry cmd) {
        Actor a0 = ActivitiesPolicy.reader();
        if (cmd == null) {
            throw new InvalidInputException("body", "请求体必填 / body is required");
        }
        String village = village(cmd.villageCode());
        Actor a = ActivitiesPolicy.keep(a0.countyCode(), village);
        List<FieldError> errors = new ArrayList<>();
        String direction = upper(cmd.direction());
        String category = upper(cmd.category());
        if (!direction.equals("INCOME") && !direction.equals("SPENDING")) {
            errors.add(new FieldError("direction", "应为 INCOME(收入)或 SPENDING(支出)/ INCOME or SPENDING"));
        } else if (!(direction.equals("INCOME") ? INCOME : SPENDING).containsKey(category)) {
            errors.add(new FieldError("category", "科目应为 " + String.join("/", (direction.equals("INCOME") ? INCOME : SPENDING).keySet())
                    + " / unknown category"));
        }
        BigDecimal amount = cmd.amountYuan();
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2 || amount.compareTo(MAX_YUAN) >= 0) {
            errors.add(new FieldError("amountYuan", "金额应为正数,最多两位小数 / a positive amount with at most 2 decimals"));
        }
        LocalDate today = today();
        LocalDate date = cmd.entryDate() == null ? today : cmd.entryDate();
        if (date.isAfter(today) || date.getYear() < 1950) {
            errors.add(new FieldError("entryDate", "记账日期不能晚于今天 / the date cannot be after today"));
        }
        String note = text(errors, "note", cmd.note(), 200, true, "摘要必填,最多 200 字 / a note is required, at most 200 characters");
        if (cmd.contractId() != null && jdbc.sql("select count(*) from collective_contracts where county_code = ? and village_code = ? and id = ?")
                .params(a.countyCode(), village, cmd.contractId()).query(Long.class).single() == 0) {
            errors.add(new FieldError("contractId", "本村没有该合同 / no such contract in the village"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (disclosureOf(a.countyCode(), village, YearMonth.from(date).toString()).isPresent()) {
            throw new ConflictException("entryDate", YearMonth.from(date) + " 已公开,更正请记入本月 / the month is already disclosed; record it this month");
        }
        long id = Ids.next();
        jdbc.sql("""
                insert into collective_entries (county_code, id, village_code, direction, category, amount_yuan, entry_date, contract_id, reverses_id,
                    note, created_by_name, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?)""")
                .params(a.countyCode(), id, village, direction, category, amount.setScale(2, RoundingMode.UNNECESSARY), date, cmd.contractId(), note,
                        a.displayName(), now()).update();
        events.publishEvent(new Audited(a.countyCode(), "activities.entry_recorded", "collective_entry", String.valueOf(id), null, null,
                direction + " " + category + " " + amount.toPlainString()));
        return entry(a.countyCode(), id).orElseThrow();
    }

    /** A correction: a reversing entry dated today (the original stays); an entry is reversed once. */
    @Transactional
    public Entry reverse(long entryId, String reason) {
        Actor a0 = ActivitiesPolicy.reader();
        Entry e = entry(a0.countyCode(), entryId).orElseThrow(() -> new NotFoundException("未找到账目 / no such entry"));
        Actor a = ActivitiesPolicy.keep(a0.countyCode(), e.villageCode());
        List<FieldError> errors = new ArrayList<>();
        String note = text(errors, "reason", reason, 180, true, "冲销原因必填 / a reason is required");
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (e.reversesId() != null) {
            throw new ConflictException("entryId", "冲销分录不能再冲销 / a reversing entry cannot be reversed");
        }
        LocalDate today = today();
        if (disclosureOf(a.countyCode(), e.villageCode(), YearMonth.from(today).toString()).isPresent()) {
            throw new ConflictException("entryDate", "本月已公开 / this month is already disclosed");
        }
        long id = Ids.next();
        try {
            jdbc.sql("""
                    insert into collective_entries (county_code, id, village_code, direction, category, amount_yuan, entry_date, contract_id,
                        reverses_id, note, created_by_name, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(a.countyCode(), id, e.villageCode(), e.direction(), e.category(), e.amountYuan().negate(), today, e.contractId(), e.id(),
                            "冲销:" + note, a.displayName(), now()).update();
        } catch (org.springframework.dao.DuplicateKeyException dup) {
            throw new ConflictException("entryId", "该账目已冲销 / already reversed");
        }
        events.publishEvent(new Audited(a.countyCode(), "activities.entry_reversed", "collective_entry", String.valueOf(entryId), null, null, note));
        return entry(a.countyCode(), id).orElseThrow();
    }

    private Optional<Entry> entry(String county, long id) {
        return jdbc.sql("select " + ENTRY_COLUMNS + " from collective_entries where county_code = ? and id = ?").params(county, id)
                .query(CollectiveAssets::entry).optional();
    }

    private static final String ENTRY_COLUMNS = "id, village_code, direction, category, amount_yuan, entry_date, contract_id, reverses_id, note";

    private static Entry entry(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getDate(6).toLocalDate(),
                rs.getObject(7) == null ? null : rs.getLong(7), rs.getObject(8) == null ? null : rs.getLong(8), rs.getString(9));
    }

    /** The village's month ({@code yyyy-MM}; null: this month). */
    public Ledger ledger(String villageCode, String period) {
        Actor a = ActivitiesPolicy.reader();
        String village = village(villageCode);
        ActivitiesPolicy.readVillage(a, a.countyCode(), village);
        YearMonth month = month(period);
        List<Entry> entries = jdbc.sql("select " + ENTRY_COLUMNS + """
                 from collective_entries where county_code = ? and village_code = ? and entry_date >= ? and entry_date <= ?
                order by entry_date, created_at, id""").params(a.countyCode(), village, month.atDay(1), month.atEndOfMonth())
                .query(CollectiveAssets::entry).list();
        List<Total> totals = new ArrayList<>();
        BigDecimal income = BigDecimal.ZERO.setScale(2);
        BigDecimal spending = BigDecimal.ZERO.setScale(2);
        for (String direction : List.of("INCOME", "SPENDING")) {
            for (var c : (direction.equals("INCOME") ? INCOME : SPENDING).entrySet()) {
                BigDecimal sum = entries.stream().filter(e -> e.direction().equals(direction) && e.category().equals(c.getKey()))
                        .map(Entry::amountYuan).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
                if (entries.stream().anyMatch(e -> e.direction().equals(direction) && e.category().equals(c.getKey()))) {
                    totals.add(new Total(direction, c.getKey(), c.getValue(), sum));
                }
                if (direction.equals("INCOME")) {
                    income = income.add(sum);
                } else {
                    spending = spending.add(sum);
                }
            }
        }
        List<CollectiveContracts.Contract> all = contracts.list(village);
        List<CollectiveContracts.Contract> signed = all.stream()
                .filter(c -> c.signedOn() != null && YearMonth.from(c.signedOn()).equals(month)).toList();
        LocalDate from = month.plusMonths(1).atDay(1);
        List<CollectiveContracts.Contract> due = dueBetween(all, from, from.plusDays(DEFAULT_DUE_DAYS));
        Long noticeId = disclosureOf(a.countyCode(), village, month.toString()).map(Disclosure::noticeId).orElse(null);
        return new Ledger(village, month.toString(), entries, totals, income, spending, income.subtract(spending), signed, due, noticeId);
    }

    /** Signed leases (and transfers) of the village whose term ends within {@code days} days from today (today included). */
    public List<CollectiveContracts.Contract> dueLeases(String villageCode, Integer days) {
        int n = days == null ? DEFAULT_DUE_DAYS : days;
        if (n < 0 || n > 3660) {
            throw new InvalidInputException("days", "天数应为 0 到 3660 / days must be 0..3660");
        }
        LocalDate today = today();
        return dueBetween(contracts.list(village(villageCode)), today, today.plusDays(n));
    }

    private static List<CollectiveContracts.Contract> dueBetween(List<CollectiveContracts.Contract> all, LocalDate from, LocalDate to) {
        return all.stream().filter(c -> "SIGNED".equals(c.status()) && ("LEASE".equals(c.kind()) || "TRANSFER".equals(c.kind()))
                && c.endsOn() != null && !c.endsOn().isBefore(from) && !c.endsOn().isAfter(to))
                .sorted(java.util.Comparator.comparing(CollectiveContracts.Contract::endsOn)).toList();
    }

    // ---- the monthly disclosure -----------------------------------------------------------------

    /**
     * Publishes a finished month on the village's notice board (村务公开): income and spending by category, the net,
     * the contracts signed in the month and the leases falling due in the 30 days after it. Once per village and month.
     */
    @Transactional
    public Disclosure disclose(String villageCode, String period) {
        Actor a0 = ActivitiesPolicy.reader();
        String village = village(villageCode);
        Actor a = ActivitiesPolicy.keep(a0.countyCode(), village);
        YearMonth month = month(period);
        if (!month.isBefore(YearMonth.from(today()))) {
            throw new ConflictException("period", month + " 尚未结束,月结后才能公开 / the month is not over yet");
        }
        if (disclosureOf(a.countyCode(), village, month.toString()).isPresent()) {
            throw new ConflictException("period", month + " 已公开 / this month is already disclosed");
        }
        Ledger l = ledger(village, month.toString());
        List<NoticeItem> items = new ArrayList<>();
        for (Total t : l.totals()) {
            items.add(new NoticeItem(t.direction().toLowerCase() + ":" + t.category(), (t.direction().equals("INCOME") ? "收入 · " : "支出 · ") + t.label(),
                    yuan(t.amountYuan()) + " 元"));
        }
        for (CollectiveContracts.Contract c : l.contractsSigned()) {
            items.add(new NoticeItem("contract:" + c.id(), "签订合同 · " + c.title(), contractLine(c)));
        }
        for (CollectiveContracts.Contract c : l.leasesDue()) {
            items.add(new NoticeItem("lease:" + c.id(), "租赁到期 · " + c.title(), c.party() + ",到期日 " + c.endsOn() + ",金额 " + yuan(c.amountYuan()) + " 元"));
        }
        String body = month.getYear() + " 年 " + month.getMonthValue() + " 月村集体财务收支公开:收入合计 " + yuan(l.incomeYuan()) + " 元,支出合计 "
                + yuan(l.spendingYuan()) + " 元,收支相抵 " + yuan(l.netYuan()) + " 元;本月签订合同 " + l.contractsSigned().size() + " 份;"
                + "下月 30 日内到期租赁 " + l.leasesDue().size() + " 份。如有异议,请在公示期内提出。";
        long id = Ids.next();
        long noticeId = notices.publish(new NewNotice(village, "COLLECTIVE_FINANCE", SOURCE_TYPE, String.valueOf(id),
                month.getYear() + " 年 " + month.getMonthValue() + " 月村集体“三资”收支公开", body, null, items));
        try {
            jdbc.sql("insert into collective_disclosures (county_code, id, village_code, period, notice_id, published_at) values (?, ?, ?, ?, ?, ?)")
                    .params(a.countyCode(), id, village, month.toString(), noticeId, now()).update();
        } catch (org.springframework.dao.DuplicateKeyException dup) {
            throw new ConflictException("period", month + " 已公开 / this month is already disclosed");
        }
        events.publishEvent(new Audited(a.countyCode(), "activities.assets_disclosed", "collective_disclosure", String.valueOf(id), null, null,
                village + " " + month));
        return new Disclosure(id, village, month.toString(), noticeId);
    }

    private static String contractLine(CollectiveContracts.Contract c) {
        return c.party() + ",金额 " + yuan(c.amountYuan()) + " 元" + (c.tenderRef() == null ? "" : ",招标记录 " + c.tenderRef());
    }

    private Optional<Disclosure> disclosureOf(String county, String village, String period) {
        return jdbc.sql("select id, village_code, period, notice_id from collective_disclosures where county_code = ? and village_code = ? and period = ?")
                .params(county, village, period).query((rs, i) -> new Disclosure(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .optional();
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The label of a ledger category (income or spending). */
    public static String label(String category) {
        return INCOME.getOrDefault(category, SPENDING.getOrDefault(category, category));
    }

    static String yuan(BigDecimal v) {
        return v.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private YearMonth month(String period) {
        if (period == null || period.isBlank()) {
            return YearMonth.from(today());
        }
        try {
            YearMonth m = YearMonth.parse(period.trim());
            if (m.getYear() < 1950 || m.getYear() > 2200) {
                throw new InvalidInputException("period", "月份不合理 / the month is out of range");
            }
            return m;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("period", "月份格式应为 yyyy-MM / period must be yyyy-MM");
        }
    }

    private static String village(String code) {
        String v = code == null ? "" : code.trim();
        if (!v.matches("\\d{12}")) {
            throw new InvalidInputException("villageCode", "村代码应为 12 位数字 / a 12-digit village code");
        }
        return v;
    }

    private static String upper(String s) {
        return s == null ? "" : s.trim().toUpperCase();
    }

    private static String text(List<FieldError> errors, String field, String value, int max, boolean required, String message) {
        String v = value == null ? null : value.trim();
        if (v != null && v.isEmpty()) {
            v = null;
        }
        if ((required && v == null) || (v != null && (v.length() > max || v.indexOf('\0') >= 0))) {
            errors.add(new FieldError(field, message));
        }
        return v;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(TimeConfig.ZONE));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
